package io.eventline.domain.order;

import io.eventline.domain.core.Immutables;
import java.util.Map;

/**
 * One customer's orders in numbers. {@code totalSpent} maps a currency to the minor units of the
 * customer's confirmed orders that were not cancelled afterwards (amounts of different currencies do
 * not add up). {@code openOrders} remembers the orders that can still be confirmed or cancelled,
 * because the events that confirm or cancel an order do not repeat its total.
 */
public record CustomerStats(
        long ordersPlaced,
        long ordersConfirmed,
        long ordersCancelled,
        Map<String, Long> totalSpent,
        Map<String, OpenOrder> openOrders) {

    /** An order not yet shipped nor cancelled: its total, and whether it counts as spent yet. */
    public record OpenOrder(long total, String currency, boolean confirmed) {
    }

    public CustomerStats {
        totalSpent = Immutables.sortedMap(totalSpent);
        openOrders = Immutables.sortedMap(openOrders);
    }

    public long totalSpent(String currency) {
        return totalSpent.getOrDefault(currency, 0L);
    }
}
