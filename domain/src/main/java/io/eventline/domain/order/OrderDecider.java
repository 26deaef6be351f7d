package io.eventline.domain.order;

import io.eventline.domain.core.Decider;
import io.eventline.domain.core.Rejection;
import io.eventline.domain.order.OrderCommand.CancelOrder;
import io.eventline.domain.order.OrderCommand.ConfirmOrder;
import io.eventline.domain.order.OrderCommand.DeliverOrder;
import io.eventline.domain.order.OrderCommand.PlaceOrder;
import io.eventline.domain.order.OrderCommand.ShipOrder;
import io.eventline.domain.order.OrderEvent.OrderCancelled;
import io.eventline.domain.order.OrderEvent.OrderConfirmed;
import io.eventline.domain.order.OrderEvent.OrderDelivered;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import io.eventline.domain.order.OrderEvent.OrderShipped;
import io.eventline.domain.order.OrderState.Cancelled;
import io.eventline.domain.order.OrderState.Confirmed;
import io.eventline.domain.order.OrderState.Delivered;
import io.eventline.domain.order.OrderState.NotPlaced;
import io.eventline.domain.order.OrderState.Placed;
import io.eventline.domain.order.OrderState.Shipped;
import java.util.List;

/**
 * An order's life: placed once, confirmed, shipped, delivered; cancelled at any point before it
 * ships. Repeating a transition already made is a no-op, so a retried command is harmless.
 */
public final class OrderDecider implements Decider<OrderCommand, OrderState, OrderEvent> {

    @Override
    public OrderState initialState() {
        return new NotPlaced();
    }

    @Override
    public List<OrderEvent> decide(OrderCommand command, OrderState state) {
        String id = command.orderId();
        return switch (command) {
            case PlaceOrder place -> {
                if (!(state instanceof NotPlaced)) {
                    throw new Rejection("ORDER_ALREADY_PLACED", "order " + id + " is already placed");
                }
                PlaceOrderRules.check(place);
                yield List.of(new OrderPlaced(id, place.customerId(), place.lines(), place.currency()));
            }
            case ConfirmOrder confirm -> switch (state) {
                case NotPlaced s -> throw notPlaced(id);
                case Placed s -> List.of(new OrderConfirmed(id));
                case Confirmed s -> List.of();
                case Shipped s -> List.of();
                case Delivered s -> List.of();
                case Cancelled s -> throw cancelled(id);
            };
            case ShipOrder ship -> switch (state) {
                case NotPlaced s -> throw notPlaced(id);
                case Placed s -> throw new Rejection("ORDER_NOT_CONFIRMED", "order " + id + " is not confirmed");
                case Confirmed s -> List.of(new OrderShipped(id));
                case Shipped s -> List.of();
                case Delivered s -> List.of();
                case Cancelled s -> throw cancelled(id);
            };
            case DeliverOrder deliver -> switch (state) {
                case NotPlaced s -> throw notPlaced(id);
                case Placed s -> throw notShipped(id);
                case Confirmed s -> throw notShipped(id);
                case Shipped s -> List.of(new OrderDelivered(id));
                case Delivered s -> List.of();
                case Cancelled s -> throw cancelled(id);
            };
            case CancelOrder cancel -> switch (state) {
                case NotPlaced s -> throw notPlaced(id);
                case Placed s -> List.of(new OrderCancelled(id, cancel.reason()));
                case Confirmed s -> List.of(new OrderCancelled(id, cancel.reason()));
                case Shipped s -> throw alreadyShipped(id);
                case Delivered s -> throw alreadyShipped(id);
                case Cancelled s -> List.of();
            };
        };
    }

    @Override
    public OrderState evolve(OrderState state, OrderEvent event) {
        return switch (event) {
            case OrderPlaced placed -> new Placed(placed.details());
            case OrderConfirmed confirmed -> new Confirmed(details(state));
            case OrderShipped shipped -> new Shipped(details(state));
            case OrderDelivered delivered -> new Delivered(details(state));
            case OrderCancelled cancelled -> new Cancelled(details(state), cancelled.reason());
        };
    }

    private static OrderDetails details(OrderState state) {
        return switch (state) {
            case NotPlaced s -> throw new IllegalStateException("order event before OrderPlaced: corrupt history");
            case Placed s -> s.order();
            case Confirmed s -> s.order();
            case Shipped s -> s.order();
            case Delivered s -> s.order();
            case Cancelled s -> s.order();
        };
    }

    private static Rejection notPlaced(String id) {
        return new Rejection("ORDER_NOT_PLACED", "order " + id + " is not placed");
    }

    private static Rejection notShipped(String id) {
        return new Rejection("ORDER_NOT_SHIPPED", "order " + id + " is not shipped");
    }

    private static Rejection cancelled(String id) {
        return new Rejection("ORDER_CANCELLED", "order " + id + " is cancelled");
    }

    private static Rejection alreadyShipped(String id) {
        return new Rejection("ORDER_ALREADY_SHIPPED", "order " + id + " is already shipped");
    }
}
