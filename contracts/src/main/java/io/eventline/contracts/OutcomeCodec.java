package io.eventline.contracts;

/** How command outcomes and event keys cross Kafka; common to every aggregate type. */
public interface OutcomeCodec {

    byte[] encodeOutcome(String topic, CommandOutcome outcome);

    CommandOutcome decodeOutcome(String topic, byte[] value);

    byte[] encodeEventKey(String topic, String aggregateId, long version);

    /**
     * The byte prefixes of every event key of {@code aggregateId} on {@code topic}: one per key
     * schema the topic's key subject has had (wire header + the aggregate id, the key's first field),
     * so that a new EventKey version, or its id, never hides events written under an earlier one.
     */
    java.util.List<byte[]> eventKeyPrefixes(String topic, String aggregateId);

    /**
     * What the dedup store keeps of a command: its published result, and where the command record
     * was read, so that meeting the same record again can be told from a resend.
     */
    record Remembered(byte[] result, java.util.Optional<String> readAt) {}

    byte[] encodeRemembered(String subjectTopic, byte[] result, String topic, int partition, long offset);

    /** Entries written before the place was kept are read as a bare result with no place. */
    Remembered decodeRemembered(String subjectTopic, byte[] stored);

    /** Registers the result and event-key contracts for these topics now (see {@link AggregateCodec#registerContracts}). */
    void registerContracts(String resultsTopic, java.util.List<String> eventTopics);
}
