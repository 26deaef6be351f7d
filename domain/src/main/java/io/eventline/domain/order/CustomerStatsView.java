package io.eventline.domain.order;

import io.eventline.domain.core.Immutables;
import io.eventline.domain.core.View;
import io.eventline.domain.order.CustomerStats.OpenOrder;
import io.eventline.domain.order.OrderEvent.OrderCancelled;
import io.eventline.domain.order.OrderEvent.OrderConfirmed;
import io.eventline.domain.order.OrderEvent.OrderDelivered;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import io.eventline.domain.order.OrderEvent.OrderShipped;
import java.util.Map;

/**
 * Per customer: orders placed, confirmed, cancelled, and total spent. Keyed by customerId; the caller
 * routes every event of the customer's orders to it (only OrderPlaced names the customer). An event
 * for an order it does not hold open is ignored, so a redelivered event counts once.
 */
public final class CustomerStatsView implements View<CustomerStats, OrderEvent> {

    @Override
    public CustomerStats initialState() {
        return new CustomerStats(0, 0, 0, Map.of(), Map.of());
    }

    @Override
    public CustomerStats evolve(CustomerStats stats, OrderEvent event) {
        OpenOrder open = stats.openOrders().get(event.orderId());
        return switch (event) {
            case OrderPlaced placed -> open != null ? stats : new CustomerStats(
                    stats.ordersPlaced() + 1, stats.ordersConfirmed(), stats.ordersCancelled(), stats.totalSpent(),
                    Immutables.plus(stats.openOrders(), placed.orderId(),
                            new OpenOrder(placed.total(), placed.currency(), false)));
            case OrderConfirmed confirmed -> open == null || open.confirmed() ? stats : new CustomerStats(
                    stats.ordersPlaced(), stats.ordersConfirmed() + 1, stats.ordersCancelled(),
                    spend(stats.totalSpent(), open.currency(), open.total()),
                    Immutables.plus(stats.openOrders(), confirmed.orderId(),
                            new OpenOrder(open.total(), open.currency(), true)));
            case OrderCancelled cancelled -> open == null ? stats : new CustomerStats(
                    stats.ordersPlaced(), stats.ordersConfirmed(), stats.ordersCancelled() + 1,
                    open.confirmed() ? spend(stats.totalSpent(), open.currency(), -open.total()) : stats.totalSpent(),
                    Immutables.minus(stats.openOrders(), cancelled.orderId()));
            // A shipped order can no longer be cancelled: its total is spent for good.
            case OrderShipped shipped -> open == null ? stats : new CustomerStats(
                    stats.ordersPlaced(), stats.ordersConfirmed(), stats.ordersCancelled(), stats.totalSpent(),
                    Immutables.minus(stats.openOrders(), shipped.orderId()));
            case OrderDelivered delivered -> stats;
        };
    }

    private static Map<String, Long> spend(Map<String, Long> spent, String currency, long amount) {
        return Immutables.plus(spent, currency, Math.addExact(spent.getOrDefault(currency, 0L), amount));
    }
}
