package io.eventline.command.mapping;

import static io.eventline.command.mapping.Decoding.distinct;
import static io.eventline.command.mapping.Decoding.nullable;
import static io.eventline.command.mapping.Decoding.optional;
import static io.eventline.command.mapping.Decoding.optionalLong;
import static io.eventline.command.mapping.Decoding.uniqueKeys;
import static io.eventline.command.mapping.Decoding.unknownPayload;

import io.eventline.command.AggregateCodec;
import io.eventline.command.CommandEnvelope;
import io.eventline.command.CommandMetadata;
import io.eventline.command.EventEnvelope;
import io.eventline.command.EventMetadata;
import io.eventline.command.StoredAggregate;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.inventory.InventoryState;
import io.eventline.schemas.avro.inventory.AddStock;
import io.eventline.schemas.avro.inventory.CommitStock;
import io.eventline.schemas.avro.inventory.InventoryAggregate;
import io.eventline.schemas.avro.inventory.InventoryCommandEnvelope;
import io.eventline.schemas.avro.inventory.InventoryEventEnvelope;
import io.eventline.schemas.avro.inventory.InventorySnapshot;
import io.eventline.schemas.avro.inventory.ReleaseStock;
import io.eventline.schemas.avro.inventory.Reservation;
import io.eventline.schemas.avro.inventory.ReserveStock;
import io.eventline.schemas.avro.inventory.StockAdded;
import io.eventline.schemas.avro.inventory.StockCommitted;
import io.eventline.schemas.avro.inventory.StockReleased;
import io.eventline.schemas.avro.inventory.StockReservationFailed;
import io.eventline.schemas.avro.inventory.StockReserved;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/** One sku's stock as {@link InventoryCommandEnvelope}, {@link InventoryEventEnvelope} and {@link InventoryAggregate}. */
public final class InventoryMapping implements AggregateCodec<InventoryCommand, InventoryState, InventoryEvent> {

    private final AvroSerde<InventoryCommandEnvelope> commands;
    private final AvroSerde<InventoryEventEnvelope> events;
    private final AvroSerde<InventoryAggregate> states;

    public InventoryMapping(SchemaRegistry registry) {
        this.commands = AvroSerde.forValues(InventoryCommandEnvelope.class, registry);
        this.events = AvroSerde.forValues(InventoryEventEnvelope.class, registry);
        this.states = AvroSerde.forValues(InventoryAggregate.class, registry);
    }

    @Override
    public CommandEnvelope<InventoryCommand> decodeCommand(String topic, Headers headers, byte[] value) {
        return Decoding.decode(commands, topic, headers, value, c -> new CommandEnvelope<>(
                new CommandMetadata(c.getCommandId(), c.getAggregateId(), optionalLong(c.getExpectedVersion()),
                        c.getIssuedAt(), c.getCorrelationId(), optional(c.getCausationId()), c.getActor()),
                command(c.getPayload())));
    }

    @Override
    public byte[] encodeCommand(String topic, Headers headers, CommandEnvelope<InventoryCommand> command) {
        CommandMetadata m = command.metadata();
        return commands.serializer().serialize(topic, headers, InventoryCommandEnvelope.newBuilder()
                .setCommandId(m.commandId()).setAggregateId(m.aggregateId())
                .setExpectedVersion(nullable(m.expectedVersion())).setIssuedAt(m.issuedAt())
                .setCorrelationId(m.correlationId()).setCausationId(m.causationId().orElse(null)).setActor(m.actor())
                .setPayload(payload(command.command()))
                .build());
    }

    @Override
    public EventEnvelope<InventoryEvent> decodeEvent(String topic, Headers headers, byte[] value) {
        return Decoding.decode(events, topic, headers, value, e -> new EventEnvelope<>(
                new EventMetadata(e.getEventId(), e.getAggregateType(), e.getAggregateId(), e.getVersion(),
                        e.getOccurredAt(), e.getCommandId(), e.getCorrelationId(), optional(e.getCausationId()), e.getActor()),
                event(e.getPayload())));
    }

    @Override
    public byte[] encodeEvent(String topic, Headers headers, EventEnvelope<InventoryEvent> event) {
        EventMetadata m = event.metadata();
        return events.serializer().serialize(topic, headers, InventoryEventEnvelope.newBuilder()
                .setEventId(m.eventId()).setAggregateType(m.aggregateType()).setAggregateId(m.aggregateId())
                .setVersion(m.version()).setOccurredAt(m.occurredAt()).setCommandId(m.commandId())
                .setCorrelationId(m.correlationId()).setCausationId(m.causationId().orElse(null)).setActor(m.actor())
                .setPayload(payload(event.event()))
                .build());
    }

    @Override
    public StoredAggregate<InventoryState> decodeState(String subjectTopic, String aggregateId, byte[] value) {
        return Decoding.decode(states, subjectTopic, null, value,
                a -> new StoredAggregate<>(a.getVersion(), a.getUpdatedAt(), state(a.getState())));
    }

    @Override
    public byte[] encodeState(String subjectTopic, StoredAggregate<InventoryState> state) {
        return states.serializer().serialize(subjectTopic,
                new InventoryAggregate(state.version(), state.updatedAt(), snapshot(state.state())));
    }

    @Override
    public String aggregateIdOf(InventoryCommand command) {
        return command.aggregateId();
    }

    @Override
    public String eventTypeOf(InventoryEvent event) {
        return switch (event) {
            case InventoryEvent.StockAdded e -> "StockAdded";
            case InventoryEvent.StockReserved e -> "StockReserved";
            case InventoryEvent.StockReservationFailed e -> "StockReservationFailed";
            case InventoryEvent.StockReleased e -> "StockReleased";
            case InventoryEvent.StockCommitted e -> "StockCommitted";
        };
    }

    @Override
    public String commandTypeOf(InventoryCommand command) {
        return switch (command) {
            case InventoryCommand.AddStock c -> "AddStock";
            case InventoryCommand.ReserveStock c -> "ReserveStock";
            case InventoryCommand.ReleaseStock c -> "ReleaseStock";
            case InventoryCommand.CommitStock c -> "CommitStock";
        };
    }

    private static InventoryCommand command(Object payload) {
        return switch (payload) {
            case AddStock p -> new InventoryCommand.AddStock(p.getSku(), p.getQuantity());
            case ReserveStock p -> new InventoryCommand.ReserveStock(p.getSku(), p.getOrderId(), p.getQuantity());
            case ReleaseStock p -> new InventoryCommand.ReleaseStock(p.getSku(), p.getOrderId());
            case CommitStock p -> new InventoryCommand.CommitStock(p.getSku(), p.getOrderId());
            case null, default -> throw unknownPayload(payload);
        };
    }

    private static Object payload(InventoryCommand command) {
        return switch (command) {
            case InventoryCommand.AddStock c -> new AddStock(c.sku(), c.quantity());
            case InventoryCommand.ReserveStock c -> new ReserveStock(c.sku(), c.orderId(), c.quantity());
            case InventoryCommand.ReleaseStock c -> new ReleaseStock(c.sku(), c.orderId());
            case InventoryCommand.CommitStock c -> new CommitStock(c.sku(), c.orderId());
        };
    }

    private static InventoryEvent event(Object payload) {
        return switch (payload) {
            case StockAdded p -> new InventoryEvent.StockAdded(p.getSku(), p.getQuantity());
            case StockReserved p -> new InventoryEvent.StockReserved(p.getSku(), p.getOrderId(), p.getQuantity());
            case StockReservationFailed p ->
                    new InventoryEvent.StockReservationFailed(p.getSku(), p.getOrderId(), p.getQuantity(), p.getReason());
            case StockReleased p -> new InventoryEvent.StockReleased(p.getSku(), p.getOrderId(), p.getQuantity());
            case StockCommitted p -> new InventoryEvent.StockCommitted(p.getSku(), p.getOrderId(), p.getQuantity());
            case null, default -> throw unknownPayload(payload);
        };
    }

    private static Object payload(InventoryEvent event) {
        return switch (event) {
            case InventoryEvent.StockAdded e -> new StockAdded(e.sku(), e.quantity());
            case InventoryEvent.StockReserved e -> new StockReserved(e.sku(), e.orderId(), e.quantity());
            case InventoryEvent.StockReservationFailed e ->
                    new StockReservationFailed(e.sku(), e.orderId(), e.quantity(), e.reason());
            case InventoryEvent.StockReleased e -> new StockReleased(e.sku(), e.orderId(), e.quantity());
            case InventoryEvent.StockCommitted e -> new StockCommitted(e.sku(), e.orderId(), e.quantity());
        };
    }

    private static InventoryState state(InventorySnapshot s) {
        return new InventoryState(s.getOnHand(),
                uniqueKeys(s.getReservations(), Reservation::getOrderId, Reservation::getQuantity, "reservations"),
                distinct(s.getSettledOrders(), "settledOrders"));
    }

    private static InventorySnapshot snapshot(InventoryState state) {
        // The state's map and set are sorted: the same state always gives the same bytes.
        List<Reservation> reservations = state.reservations().entrySet().stream()
                .map(r -> new Reservation(r.getKey(), r.getValue()))
                .toList();
        return new InventorySnapshot(state.onHand(), reservations, List.copyOf(state.settledOrders()));
    }
}
