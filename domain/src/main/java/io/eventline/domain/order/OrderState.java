package io.eventline.domain.order;

/** The situation an order is in; every variant after {@link NotPlaced} keeps the order as placed. */
public sealed interface OrderState {

    default OrderStatus status() {
        return switch (this) {
            case NotPlaced n -> OrderStatus.NOT_PLACED;
            case Placed p -> OrderStatus.PLACED;
            case Confirmed c -> OrderStatus.CONFIRMED;
            case Shipped s -> OrderStatus.SHIPPED;
            case Delivered d -> OrderStatus.DELIVERED;
            case Cancelled c -> OrderStatus.CANCELLED;
        };
    }

    record NotPlaced() implements OrderState {
    }

    record Placed(OrderDetails order) implements OrderState {
    }

    record Confirmed(OrderDetails order) implements OrderState {
    }

    record Shipped(OrderDetails order) implements OrderState {
    }

    record Delivered(OrderDetails order) implements OrderState {
    }

    record Cancelled(OrderDetails order, String reason) implements OrderState {
    }
}
