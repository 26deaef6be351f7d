package io.eventline.domain.order;

import java.util.List;

/** What an order is, as it was placed; every state after {@code NotPlaced} carries it. */
public record OrderDetails(String orderId, String customerId, List<OrderLine> lines, String currency) {

    public OrderDetails {
        lines = List.copyOf(lines);
    }

    public long total() {
        return OrderLine.totalOf(lines);
    }

    public long itemCount() {
        return OrderLine.itemCountOf(lines);
    }
}
