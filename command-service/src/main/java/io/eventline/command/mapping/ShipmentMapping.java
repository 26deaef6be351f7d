package io.eventline.command.mapping;

import static io.eventline.command.mapping.Decoding.check;
import static io.eventline.command.mapping.Decoding.nullable;
import static io.eventline.command.mapping.Decoding.optional;
import static io.eventline.command.mapping.Decoding.optionalLong;
import static io.eventline.command.mapping.Decoding.required;
import static io.eventline.command.mapping.Decoding.unknownPayload;

import io.eventline.command.AggregateCodec;
import io.eventline.command.CommandEnvelope;
import io.eventline.command.CommandMetadata;
import io.eventline.command.EventEnvelope;
import io.eventline.command.EventMetadata;
import io.eventline.command.StoredAggregate;
import io.eventline.domain.shipment.ShipmentCommand;
import io.eventline.domain.shipment.ShipmentEvent;
import io.eventline.domain.shipment.ShipmentLine;
import io.eventline.domain.shipment.ShipmentState;
import io.eventline.schemas.avro.shipment.CreateShipment;
import io.eventline.schemas.avro.shipment.DeliverShipment;
import io.eventline.schemas.avro.shipment.DispatchShipment;
import io.eventline.schemas.avro.shipment.ShipmentAggregate;
import io.eventline.schemas.avro.shipment.ShipmentCommandEnvelope;
import io.eventline.schemas.avro.shipment.ShipmentCreated;
import io.eventline.schemas.avro.shipment.ShipmentDelivered;
import io.eventline.schemas.avro.shipment.ShipmentDispatched;
import io.eventline.schemas.avro.shipment.ShipmentEventEnvelope;
import io.eventline.schemas.avro.shipment.ShipmentSnapshot;
import io.eventline.schemas.avro.shipment.ShipmentStatus;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/** Orders' shipments as {@link ShipmentCommandEnvelope}, {@link ShipmentEventEnvelope} and {@link ShipmentAggregate}. */
public final class ShipmentMapping implements AggregateCodec<ShipmentCommand, ShipmentState, ShipmentEvent> {

    private final AvroSerde<ShipmentCommandEnvelope> commands;
    private final AvroSerde<ShipmentEventEnvelope> events;
    private final AvroSerde<ShipmentAggregate> states;

    public ShipmentMapping(SchemaRegistry registry) {
        this.commands = AvroSerde.forValues(ShipmentCommandEnvelope.class, registry);
        this.events = AvroSerde.forValues(ShipmentEventEnvelope.class, registry);
        this.states = AvroSerde.forValues(ShipmentAggregate.class, registry);
    }

    @Override
    public CommandEnvelope<ShipmentCommand> decodeCommand(String topic, Headers headers, byte[] value) {
        return Decoding.decode(commands, topic, headers, value, c -> new CommandEnvelope<>(
                new CommandMetadata(c.getCommandId(), c.getAggregateId(), optionalLong(c.getExpectedVersion()),
                        c.getIssuedAt(), c.getCorrelationId(), optional(c.getCausationId()), c.getActor()),
                command(c.getPayload())));
    }

    @Override
    public byte[] encodeCommand(String topic, Headers headers, CommandEnvelope<ShipmentCommand> command) {
        CommandMetadata m = command.metadata();
        return commands.serializer().serialize(topic, headers, ShipmentCommandEnvelope.newBuilder()
                .setCommandId(m.commandId()).setAggregateId(m.aggregateId())
                .setExpectedVersion(nullable(m.expectedVersion())).setIssuedAt(m.issuedAt())
                .setCorrelationId(m.correlationId()).setCausationId(m.causationId().orElse(null)).setActor(m.actor())
                .setPayload(payload(command.command()))
                .build());
    }

    @Override
    public EventEnvelope<ShipmentEvent> decodeEvent(String topic, Headers headers, byte[] value) {
        return Decoding.decode(events, topic, headers, value, e -> new EventEnvelope<>(
                new EventMetadata(e.getEventId(), e.getAggregateType(), e.getAggregateId(), e.getVersion(),
                        e.getOccurredAt(), e.getCommandId(), e.getCorrelationId(), optional(e.getCausationId()), e.getActor()),
                event(e.getPayload())));
    }

    @Override
    public byte[] encodeEvent(String topic, Headers headers, EventEnvelope<ShipmentEvent> event) {
        EventMetadata m = event.metadata();
        return events.serializer().serialize(topic, headers, ShipmentEventEnvelope.newBuilder()
                .setEventId(m.eventId()).setAggregateType(m.aggregateType()).setAggregateId(m.aggregateId())
                .setVersion(m.version()).setOccurredAt(m.occurredAt()).setCommandId(m.commandId())
                .setCorrelationId(m.correlationId()).setCausationId(m.causationId().orElse(null)).setActor(m.actor())
                .setPayload(payload(event.event()))
                .build());
    }

    @Override
    public StoredAggregate<ShipmentState> decodeState(String subjectTopic, String aggregateId, byte[] value) {
        return Decoding.decode(states, subjectTopic, null, value,
                a -> new StoredAggregate<>(a.getVersion(), a.getUpdatedAt(), state(aggregateId, a.getState())));
    }

    @Override
    public byte[] encodeState(String subjectTopic, StoredAggregate<ShipmentState> state) {
        return states.serializer().serialize(subjectTopic,
                new ShipmentAggregate(state.version(), state.updatedAt(), snapshot(state.state())));
    }

    @Override
    public String aggregateIdOf(ShipmentCommand command) {
        return command.aggregateId();
    }

    @Override
    public String eventTypeOf(ShipmentEvent event) {
        return switch (event) {
            case ShipmentEvent.ShipmentCreated e -> "ShipmentCreated";
            case ShipmentEvent.ShipmentDispatched e -> "ShipmentDispatched";
            case ShipmentEvent.ShipmentDelivered e -> "ShipmentDelivered";
        };
    }

    @Override
    public String commandTypeOf(ShipmentCommand command) {
        return switch (command) {
            case ShipmentCommand.CreateShipment c -> "CreateShipment";
            case ShipmentCommand.DispatchShipment c -> "DispatchShipment";
            case ShipmentCommand.DeliverShipment c -> "DeliverShipment";
        };
    }

    private static ShipmentCommand command(Object payload) {
        return switch (payload) {
            case CreateShipment p -> new ShipmentCommand.CreateShipment(p.getOrderId(), lines(p.getLines()));
            case DispatchShipment p -> new ShipmentCommand.DispatchShipment(p.getOrderId());
            case DeliverShipment p -> new ShipmentCommand.DeliverShipment(p.getOrderId());
            case null, default -> throw unknownPayload(payload);
        };
    }

    private static Object payload(ShipmentCommand command) {
        return switch (command) {
            case ShipmentCommand.CreateShipment c -> new CreateShipment(c.orderId(), avroLines(c.lines()));
            case ShipmentCommand.DispatchShipment c -> new DispatchShipment(c.orderId());
            case ShipmentCommand.DeliverShipment c -> new DeliverShipment(c.orderId());
        };
    }

    private static ShipmentEvent event(Object payload) {
        return switch (payload) {
            case ShipmentCreated p -> new ShipmentEvent.ShipmentCreated(p.getOrderId(), lines(p.getLines()));
            case ShipmentDispatched p -> new ShipmentEvent.ShipmentDispatched(p.getOrderId());
            case ShipmentDelivered p -> new ShipmentEvent.ShipmentDelivered(p.getOrderId());
            case null, default -> throw unknownPayload(payload);
        };
    }

    private static Object payload(ShipmentEvent event) {
        return switch (event) {
            case ShipmentEvent.ShipmentCreated e -> new ShipmentCreated(e.orderId(), avroLines(e.lines()));
            case ShipmentEvent.ShipmentDispatched e -> new ShipmentDispatched(e.orderId());
            case ShipmentEvent.ShipmentDelivered e -> new ShipmentDelivered(e.orderId());
        };
    }

    private static ShipmentState state(String orderId, ShipmentSnapshot s) {
        List<ShipmentLine> lines = lines(s.getLines());
        return switch (required(s.getStatus(), "status")) {
            case NOT_CREATED -> {
                check(lines.isEmpty(), "NOT_CREATED with the lines of a created shipment");
                yield new ShipmentState.NotCreated();
            }
            case CREATED -> new ShipmentState.Created(orderId, lines);
            case DISPATCHED -> new ShipmentState.Dispatched(orderId, lines);
            case DELIVERED -> new ShipmentState.Delivered(orderId, lines);
        };
    }

    private static ShipmentSnapshot snapshot(ShipmentState state) {
        return switch (state) {
            case ShipmentState.NotCreated s -> new ShipmentSnapshot(ShipmentStatus.NOT_CREATED, List.of());
            case ShipmentState.Created s -> new ShipmentSnapshot(ShipmentStatus.CREATED, avroLines(s.lines()));
            case ShipmentState.Dispatched s -> new ShipmentSnapshot(ShipmentStatus.DISPATCHED, avroLines(s.lines()));
            case ShipmentState.Delivered s -> new ShipmentSnapshot(ShipmentStatus.DELIVERED, avroLines(s.lines()));
        };
    }

    private static List<ShipmentLine> lines(List<io.eventline.schemas.avro.shipment.ShipmentLine> lines) {
        return lines.stream().map(l -> new ShipmentLine(l.getSku(), l.getQuantity())).toList();
    }

    private static List<io.eventline.schemas.avro.shipment.ShipmentLine> avroLines(List<ShipmentLine> lines) {
        return lines.stream().map(l -> new io.eventline.schemas.avro.shipment.ShipmentLine(l.sku(), l.quantity())).toList();
    }
}
