package io.eventline.contracts.mapping;

import static io.eventline.contracts.mapping.Decoding.distinct;
import static io.eventline.contracts.mapping.Decoding.uniqueKeys;
import static io.eventline.contracts.mapping.Decoding.unknownPayload;

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
import java.util.List;

/** One sku's stock as {@link InventoryCommandEnvelope}, {@link InventoryEventEnvelope} and {@link InventoryAggregate}. */
public final class InventoryMapping
        extends EnvelopeMapping<InventoryCommand, InventoryState, InventoryEvent,
                InventoryCommandEnvelope, InventoryEventEnvelope, InventoryAggregate> {

    public InventoryMapping(SchemaRegistry registry) {
        super(registry, InventoryCommandEnvelope.class, InventoryCommandEnvelope::new,
                InventoryEventEnvelope.class, InventoryEventEnvelope::new,
                InventoryAggregate.class, InventoryAggregate::new);
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

    @Override
    protected InventoryCommand command(Object payload) {
        return switch (payload) {
            case AddStock p -> new InventoryCommand.AddStock(p.getSku(), p.getQuantity());
            case ReserveStock p -> new InventoryCommand.ReserveStock(p.getSku(), p.getOrderId(), p.getQuantity());
            case ReleaseStock p -> new InventoryCommand.ReleaseStock(p.getSku(), p.getOrderId());
            case CommitStock p -> new InventoryCommand.CommitStock(p.getSku(), p.getOrderId());
            case null, default -> throw unknownPayload(payload);
        };
    }

    @Override
    protected Object commandPayload(InventoryCommand command) {
        return switch (command) {
            case InventoryCommand.AddStock c -> new AddStock(c.sku(), c.quantity());
            case InventoryCommand.ReserveStock c -> new ReserveStock(c.sku(), c.orderId(), c.quantity());
            case InventoryCommand.ReleaseStock c -> new ReleaseStock(c.sku(), c.orderId());
            case InventoryCommand.CommitStock c -> new CommitStock(c.sku(), c.orderId());
        };
    }

    @Override
    protected InventoryEvent event(Object payload) {
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

    @Override
    protected Object eventPayload(InventoryEvent event) {
        return switch (event) {
            case InventoryEvent.StockAdded e -> new StockAdded(e.sku(), e.quantity());
            case InventoryEvent.StockReserved e -> new StockReserved(e.sku(), e.orderId(), e.quantity());
            case InventoryEvent.StockReservationFailed e ->
                    new StockReservationFailed(e.sku(), e.orderId(), e.quantity(), e.reason());
            case InventoryEvent.StockReleased e -> new StockReleased(e.sku(), e.orderId(), e.quantity());
            case InventoryEvent.StockCommitted e -> new StockCommitted(e.sku(), e.orderId(), e.quantity());
        };
    }

    @Override
    protected InventoryState state(String aggregateId, Object snapshot) {
        InventorySnapshot s = (InventorySnapshot) snapshot;
        return new InventoryState(s.getOnHand(),
                uniqueKeys(s.getReservations(), Reservation::getOrderId, Reservation::getQuantity, "reservations"),
                List.copyOf(distinct(s.getSettledOrders(), "settledOrders")));
    }

    @Override
    protected InventorySnapshot snapshot(InventoryState state) {
        // Reservations sorted, settlements in the order they happened (which decides the first
        // forgotten): the same history always gives the same bytes.
        List<Reservation> reservations = state.reservations().entrySet().stream()
                .map(r -> new Reservation(r.getKey(), r.getValue()))
                .toList();
        return new InventorySnapshot(state.onHand(), reservations, List.copyOf(state.settledOrders()));
    }
}
