package io.eventline.command;

/** How command outcomes and event keys cross Kafka; common to every aggregate type. */
public interface OutcomeCodec {

    byte[] encodeOutcome(String topic, CommandOutcome outcome);

    CommandOutcome decodeOutcome(String topic, byte[] value);

    byte[] encodeEventKey(String topic, String aggregateId, long version);
}
