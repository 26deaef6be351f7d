package io.eventline.domain.inventory;

import io.eventline.domain.core.Decider;
import io.eventline.domain.core.Immutables;
import io.eventline.domain.core.Rejection;
import io.eventline.domain.inventory.InventoryCommand.AddStock;
import io.eventline.domain.inventory.InventoryCommand.CommitStock;
import io.eventline.domain.inventory.InventoryCommand.ReleaseStock;
import io.eventline.domain.inventory.InventoryCommand.ReserveStock;
import io.eventline.domain.inventory.InventoryEvent.StockAdded;
import io.eventline.domain.inventory.InventoryEvent.StockCommitted;
import io.eventline.domain.inventory.InventoryEvent.StockReleased;
import io.eventline.domain.inventory.InventoryEvent.StockReservationFailed;
import io.eventline.domain.inventory.InventoryEvent.StockReserved;
import java.util.List;

/**
 * One sku's stock. Available stock (on hand minus reserved) never goes below zero: a reservation
 * that does not fit becomes {@link StockReservationFailed}, an outcome the saga reacts to, not a
 * rejection. Each order's reservation is released or committed once; an order among the last
 * {@value InventoryState#SETTLEMENTS_REMEMBERED} settled cannot reserve this sku again.
 */
public final class InventoryDecider implements Decider<InventoryCommand, InventoryState, InventoryEvent> {

    public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";

    @Override
    public InventoryState initialState() {
        return InventoryState.empty();
    }

    @Override
    public List<InventoryEvent> decide(InventoryCommand command, InventoryState state) {
        return switch (command) {
            case AddStock add -> {
                requirePositive(add.quantity());
                if (add.quantity() > Long.MAX_VALUE - state.onHand()) {
                    throw new Rejection("STOCK_OVERFLOW", "stock on hand of " + state.onHand() + " plus " + add.quantity()
                            + " would exceed " + Long.MAX_VALUE);
                }
                yield List.of(new StockAdded(add.sku(), add.quantity()));
            }
            case ReserveStock reserve -> {
                requirePositive(reserve.quantity());
                requireUnsettled(state, reserve.orderId());
                if (state.reservations().containsKey(reserve.orderId())) {
                    yield List.of();
                }
                yield List.of(reserve.quantity() > state.available()
                        ? new StockReservationFailed(reserve.sku(), reserve.orderId(), reserve.quantity(), INSUFFICIENT_STOCK)
                        : new StockReserved(reserve.sku(), reserve.orderId(), reserve.quantity()));
            }
            case ReleaseStock release ->
                    List.of(new StockReleased(release.sku(), release.orderId(), reservation(state, release.orderId())));
            case CommitStock commit ->
                    List.of(new StockCommitted(commit.sku(), commit.orderId(), reservation(state, commit.orderId())));
        };
    }

    @Override
    public InventoryState evolve(InventoryState state, InventoryEvent event) {
        return switch (event) {
            case StockAdded added -> new InventoryState(
                    Math.addExact(state.onHand(), added.quantity()), state.reservations(), state.settledOrders());
            case StockReserved reserved -> new InventoryState(state.onHand(),
                    Immutables.plus(state.reservations(), reserved.orderId(), reserved.quantity()), state.settledOrders());
            case StockReservationFailed failed -> state;
            case StockReleased released -> new InventoryState(state.onHand(),
                    Immutables.minus(state.reservations(), released.orderId()),
                    Immutables.appendKeepingLast(state.settledOrders(), released.orderId(),
                            InventoryState.SETTLEMENTS_REMEMBERED));
            case StockCommitted committed -> new InventoryState(Math.subtractExact(state.onHand(), committed.quantity()),
                    Immutables.minus(state.reservations(), committed.orderId()),
                    Immutables.appendKeepingLast(state.settledOrders(), committed.orderId(),
                            InventoryState.SETTLEMENTS_REMEMBERED));
        };
    }

    private static void requirePositive(int quantity) {
        if (quantity <= 0) {
            throw new Rejection("INVALID_QUANTITY", "quantity must be > 0, not " + quantity);
        }
    }

    private static void requireUnsettled(InventoryState state, String orderId) {
        if (state.settledOrders().contains(orderId)) {
            throw new Rejection("RESERVATION_ALREADY_SETTLED",
                    "the reservation of order " + orderId + " was already released or committed");
        }
    }

    /** The quantity the order holds, which a release or commit settles. */
    private static int reservation(InventoryState state, String orderId) {
        requireUnsettled(state, orderId);
        Integer quantity = state.reservations().get(orderId);
        if (quantity == null) {
            throw new Rejection("RESERVATION_NOT_FOUND", "order " + orderId + " holds no reservation of this sku");
        }
        return quantity;
    }
}
