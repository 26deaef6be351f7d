package io.eventline.contracts.mapping;

import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.OutcomeCodec;
import io.eventline.schemas.avro.common.CommandResult;
import io.eventline.schemas.avro.common.CommandStatus;
import io.eventline.schemas.avro.common.EventKey;
import io.eventline.schemas.avro.common.Rejection;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.schemas.avro.common.CommandDedupEntry;
import io.eventline.schemas.serde.UndecodableRecordException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/** Command outcomes as {@link CommandResult} and event keys as {@link EventKey}, in Confluent's wire format. */
public final class AvroOutcomeCodec implements OutcomeCodec {

    private final AvroSerde<CommandResult> results;
    private final AvroSerde<EventKey> keys;
    private final AvroSerde<CommandDedupEntry> remembered;
    private final SchemaRegistry registry;

    public AvroOutcomeCodec(SchemaRegistry registry) {
        this.registry = registry;
        this.results = AvroSerde.forValues(CommandResult.class, registry);
        this.keys = AvroSerde.forKeys(EventKey.class, registry);
        this.remembered = AvroSerde.forValues(CommandDedupEntry.class, registry);
    }

    @Override
    public byte[] encodeOutcome(String topic, CommandOutcome outcome) {
        CommandResult result = CommandResult.newBuilder()
                .setCommandId(outcome.commandId())
                .setStatus(CommandStatus.valueOf(outcome.status().name()))
                .setAggregateType(outcome.aggregateType())
                .setAggregateId(outcome.aggregateId())
                .setVersion(outcome.version())
                .setEventIds(outcome.eventIds())
                .setRejection(outcome.rejection().map(r -> new Rejection(r.code(), r.message())).orElse(null))
                .setProcessedAt(outcome.processedAt())
                .build();
        return results.serializer().serialize(topic, result);
    }

    @Override
    public CommandOutcome decodeOutcome(String topic, byte[] value) {
        CommandResult r = results.deserializer().deserialize(topic, value);
        return new CommandOutcome(r.getCommandId(), CommandOutcome.Status.valueOf(r.getStatus().name()),
                r.getAggregateType(), r.getAggregateId(), r.getVersion(), List.copyOf(r.getEventIds()),
                Optional.ofNullable(r.getRejection()).map(x -> new CommandOutcome.RejectionReason(x.getCode(), x.getMessage())),
                r.getProcessedAt());
    }

    @Override
    public byte[] encodeEventKey(String topic, String aggregateId, long version) {
        return keys.serializer().serialize(topic, new EventKey(aggregateId, version));
    }

    /**
     * Confluent's wire header (magic byte 0, the schema id, big-endian) followed by the Avro binary
     * of the aggregate id (zig-zag varint length, UTF-8 bytes), for the current key schema and every
     * earlier one registered under {@code <topic>-key}. Valid as long as aggregateId stays the
     * EventKey's first field (EventKeyContractTest holds it there).
     */
    @Override
    public List<byte[]> eventKeyPrefixes(String topic, String aggregateId) {
        byte[] current = encodeEventKey(topic, aggregateId, 0);
        // The version 0 is the single varint byte 0: without it, what is left is header and id.
        byte[] body = java.util.Arrays.copyOfRange(current, 5, current.length - 1);
        java.util.Set<Integer> ids = new java.util.LinkedHashSet<>();
        ids.add(ByteBuffer.wrap(current, 1, 4).getInt());
        registry.versions(topic + "-key").forEach(v -> ids.add(v.id()));
        List<byte[]> prefixes = new java.util.ArrayList<>();
        for (int id : ids) {
            prefixes.add(ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array());
        }
        return prefixes;
    }

    @Override
    public byte[] encodeRemembered(String subjectTopic, byte[] result, String topic, int partition, long offset) {
        return remembered.serializer().serialize(subjectTopic, new CommandDedupEntry(ByteBuffer.wrap(result), topic, partition,
                offset));
    }

    @Override
    public Remembered decodeRemembered(String subjectTopic, byte[] stored) {
        CommandDedupEntry entry;
        try {
            entry = remembered.deserializer().deserialize(subjectTopic, stored);
        } catch (UndecodableRecordException legacy) {
            return new Remembered(stored, Optional.empty()); // a bare result, as stored before the place was kept
        }
        ByteBuffer result = entry.getResult();
        byte[] bytes = new byte[result.remaining()];
        result.duplicate().get(bytes);
        return new Remembered(bytes, Optional.of(entry.getSourceTopic() + "/" + entry.getSourcePartition() + "@"
                + entry.getSourceOffset()));
    }

    @Override
    public void registerContracts(String resultsTopic, List<String> eventTopics) {
        results.registerFor(resultsTopic);
        eventTopics.forEach(keys::registerFor);
    }

    /** The dedup store's contract, for the changelog subject it is written under. */
    public void registerRememberedContract(String subjectTopic) {
        remembered.registerFor(subjectTopic);
    }

    /** The event key's aggregate id and version. */
    public EventKey decodeEventKey(String topic, byte[] key) {
        return keys.deserializer().deserialize(topic, key);
    }
}
