package io.eventline.domain.inventory;

import io.eventline.domain.core.Immutables;
import java.util.List;
import java.util.Map;

/**
 * One sku's stock: units on hand, the units each order holds, and the orders whose reservation was
 * settled (released or committed) most recently, so that none of them is settled or reserved again.
 * A single situation rather than a sealed family: stock has no lifecycle, and an sku never seen
 * behaves exactly as one with nothing on hand.
 *
 * @param settledOrders the last {@value #SETTLEMENTS_REMEMBERED} orders settled, oldest first
 */
public record InventoryState(long onHand, Map<String, Integer> reservations, List<String> settledOrders) {

    /**
     * How many settlements a sku remembers. Not all of them: the state is decoded, copied and stored
     * again with every command to the sku, so a list that grew with every order would make each
     * command dearer than the last, and a sku with some tens of thousands of orders would outgrow the
     * largest record the changelog accepts. Order ids are unique (an order is placed once) and the
     * saga's commands are deduplicated by id, so this memory is a second line of defence against an
     * order id reused by another producer: it covers the orders settled most recently, the ones a
     * late or repeated reservation would most likely name, and keeps the state a few tens of KB.
     */
    public static final int SETTLEMENTS_REMEMBERED = 1_000;

    public InventoryState {
        reservations = Immutables.sortedMap(reservations);
        settledOrders = List.copyOf(settledOrders);
    }

    public static InventoryState empty() {
        return new InventoryState(0, Map.of(), List.of());
    }

    public long reserved() {
        return reservations.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** Never negative: a reservation is only made when it fits. */
    public long available() {
        return onHand - reserved();
    }
}
