package io.eventline.domain.order;

import io.eventline.domain.core.View;
import io.eventline.domain.order.OrderEvent.OrderCancelled;
import io.eventline.domain.order.OrderEvent.OrderConfirmed;
import io.eventline.domain.order.OrderEvent.OrderDelivered;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import io.eventline.domain.order.OrderEvent.OrderShipped;

/** One order's summary, keyed by orderId: its status, lines, item count and total. */
public final class OrderSummaryView implements View<OrderSummary, OrderEvent> {

    @Override
    public OrderSummary initialState() {
        return OrderSummary.notPlaced();
    }

    @Override
    public OrderSummary evolve(OrderSummary summary, OrderEvent event) {
        return switch (event) {
            case OrderPlaced placed -> new OrderSummary(OrderStatus.PLACED, placed.customerId(), placed.lines(),
                    OrderLine.itemCountOf(placed.lines()), placed.total(), placed.currency(), null);
            case OrderConfirmed confirmed -> summary.withStatus(OrderStatus.CONFIRMED);
            case OrderShipped shipped -> summary.withStatus(OrderStatus.SHIPPED);
            case OrderDelivered delivered -> summary.withStatus(OrderStatus.DELIVERED);
            case OrderCancelled cancelled -> summary.cancelled(cancelled.reason());
        };
    }
}
