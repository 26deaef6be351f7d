package io.eventline.domain.order;

import java.util.List;

/**
 * An order as a customer sees it. Amounts are minor units of {@code currency}; {@code customerId}
 * and {@code currency} are null, and {@code lines} empty, until the order is placed;
 * {@code cancelReason} is null unless it is cancelled.
 */
public record OrderSummary(
        OrderStatus status,
        String customerId,
        List<OrderLine> lines,
        long itemCount,
        long total,
        String currency,
        String cancelReason) {

    public OrderSummary {
        lines = List.copyOf(lines);
    }

    static OrderSummary notPlaced() {
        return new OrderSummary(OrderStatus.NOT_PLACED, null, List.of(), 0, 0, null, null);
    }

    OrderSummary withStatus(OrderStatus next) {
        return new OrderSummary(next, customerId, lines, itemCount, total, currency, cancelReason);
    }

    OrderSummary cancelled(String reason) {
        return new OrderSummary(OrderStatus.CANCELLED, customerId, lines, itemCount, total, currency, reason);
    }
}
