package io.eventline.domain.inventory;

import io.eventline.domain.core.Immutables;
import java.util.Map;
import java.util.Set;

/**
 * One sku's stock: units on hand, the units each order holds, and the orders whose reservation was
 * released or committed (so neither happens twice). A single situation rather than a sealed family:
 * stock has no lifecycle, and an sku never seen behaves exactly as one with nothing on hand.
 */
public record InventoryState(long onHand, Map<String, Integer> reservations, Set<String> settledOrders) {

    public InventoryState {
        reservations = Immutables.sortedMap(reservations);
        settledOrders = Immutables.sortedSet(settledOrders);
    }

    public static InventoryState empty() {
        return new InventoryState(0, Map.of(), Set.of());
    }

    public long reserved() {
        return reservations.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** Never negative: a reservation is only made when it fits. */
    public long available() {
        return onHand - reserved();
    }
}
