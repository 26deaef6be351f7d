package io.eventline.command.mapping;

import io.eventline.command.CommandOutcome;
import io.eventline.command.OutcomeCodec;
import io.eventline.schemas.avro.common.CommandResult;
import io.eventline.schemas.avro.common.CommandStatus;
import io.eventline.schemas.avro.common.EventKey;
import io.eventline.schemas.avro.common.Rejection;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import java.util.List;
import java.util.Optional;

/** Command outcomes as {@link CommandResult} and event keys as {@link EventKey}, in Confluent's wire format. */
public final class AvroOutcomeCodec implements OutcomeCodec {

    private final AvroSerde<CommandResult> results;
    private final AvroSerde<EventKey> keys;

    public AvroOutcomeCodec(SchemaRegistry registry) {
        this.results = AvroSerde.forValues(CommandResult.class, registry);
        this.keys = AvroSerde.forKeys(EventKey.class, registry);
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

    /** The event key's aggregate id and version. */
    public EventKey decodeEventKey(String topic, byte[] key) {
        return keys.deserializer().deserialize(topic, key);
    }
}
