package io.eventline.domain.order;

import java.util.List;

/** What can be asked of an order. The aggregate id is the orderId. */
public sealed interface OrderCommand {

    String orderId();

    default String aggregateId() {
        return orderId();
    }

    record PlaceOrder(String orderId, String customerId, List<OrderLine> lines, String currency)
            implements OrderCommand {
        public PlaceOrder {
            lines = List.copyOf(lines);
        }
    }

    record ConfirmOrder(String orderId) implements OrderCommand {
    }

    record ShipOrder(String orderId) implements OrderCommand {
    }

    record CancelOrder(String orderId, String reason) implements OrderCommand {
    }

    record DeliverOrder(String orderId) implements OrderCommand {
    }
}
