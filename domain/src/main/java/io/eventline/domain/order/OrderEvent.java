package io.eventline.domain.order;

import java.util.List;

/** What happened to an order. The aggregate id is the orderId. */
public sealed interface OrderEvent {

    String orderId();

    default String aggregateId() {
        return orderId();
    }

    record OrderPlaced(String orderId, String customerId, List<OrderLine> lines, String currency)
            implements OrderEvent {
        public OrderPlaced {
            lines = List.copyOf(lines);
        }

        public OrderDetails details() {
            return new OrderDetails(orderId, customerId, lines, currency);
        }

        public long total() {
            return OrderLine.totalOf(lines);
        }
    }

    record OrderConfirmed(String orderId) implements OrderEvent {
    }

    record OrderShipped(String orderId) implements OrderEvent {
    }

    record OrderCancelled(String orderId, String reason) implements OrderEvent {
    }

    record OrderDelivered(String orderId) implements OrderEvent {
    }
}
