package io.eventline.contracts.mapping;

import static io.eventline.contracts.mapping.Decoding.check;
import static io.eventline.contracts.mapping.Decoding.required;
import static io.eventline.contracts.mapping.Decoding.unknownPayload;

import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderDetails;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.order.OrderState;
import io.eventline.schemas.avro.order.CancelOrder;
import io.eventline.schemas.avro.order.ConfirmOrder;
import io.eventline.schemas.avro.order.DeliverOrder;
import io.eventline.schemas.avro.order.OrderAggregate;
import io.eventline.schemas.avro.order.OrderCancelled;
import io.eventline.schemas.avro.order.OrderCommandEnvelope;
import io.eventline.schemas.avro.order.OrderConfirmed;
import io.eventline.schemas.avro.order.OrderDelivered;
import io.eventline.schemas.avro.order.OrderEventEnvelope;
import io.eventline.schemas.avro.order.OrderPlaced;
import io.eventline.schemas.avro.order.OrderShipped;
import io.eventline.schemas.avro.order.OrderSnapshot;
import io.eventline.schemas.avro.order.OrderStatus;
import io.eventline.schemas.avro.order.PlaceOrder;
import io.eventline.schemas.avro.order.ShipOrder;
import io.eventline.schemas.registry.SchemaRegistry;
import java.util.List;

/** Orders as {@link OrderCommandEnvelope}, {@link OrderEventEnvelope} and {@link OrderAggregate}. */
public final class OrderMapping
        extends EnvelopeMapping<OrderCommand, OrderState, OrderEvent,
                OrderCommandEnvelope, OrderEventEnvelope, OrderAggregate> {

    public OrderMapping(SchemaRegistry registry) {
        super(registry, OrderCommandEnvelope.class, OrderCommandEnvelope::new,
                OrderEventEnvelope.class, OrderEventEnvelope::new,
                OrderAggregate.class, OrderAggregate::new);
    }

    @Override
    public String aggregateIdOf(OrderCommand command) {
        return command.aggregateId();
    }

    @Override
    public String eventTypeOf(OrderEvent event) {
        return switch (event) {
            case OrderEvent.OrderPlaced e -> "OrderPlaced";
            case OrderEvent.OrderConfirmed e -> "OrderConfirmed";
            case OrderEvent.OrderShipped e -> "OrderShipped";
            case OrderEvent.OrderCancelled e -> "OrderCancelled";
            case OrderEvent.OrderDelivered e -> "OrderDelivered";
        };
    }

    @Override
    public String commandTypeOf(OrderCommand command) {
        return switch (command) {
            case OrderCommand.PlaceOrder c -> "PlaceOrder";
            case OrderCommand.ConfirmOrder c -> "ConfirmOrder";
            case OrderCommand.ShipOrder c -> "ShipOrder";
            case OrderCommand.CancelOrder c -> "CancelOrder";
            case OrderCommand.DeliverOrder c -> "DeliverOrder";
        };
    }

    @Override
    protected OrderCommand command(Object payload) {
        return switch (payload) {
            case PlaceOrder p -> new OrderCommand.PlaceOrder(p.getOrderId(), p.getCustomerId(), lines(p.getLines()), p.getCurrency());
            case ConfirmOrder p -> new OrderCommand.ConfirmOrder(p.getOrderId());
            case ShipOrder p -> new OrderCommand.ShipOrder(p.getOrderId());
            case CancelOrder p -> new OrderCommand.CancelOrder(p.getOrderId(), p.getReason());
            case DeliverOrder p -> new OrderCommand.DeliverOrder(p.getOrderId());
            case null, default -> throw unknownPayload(payload);
        };
    }

    @Override
    protected Object commandPayload(OrderCommand command) {
        return switch (command) {
            case OrderCommand.PlaceOrder c -> new PlaceOrder(c.orderId(), c.customerId(), avroLines(c.lines()), c.currency());
            case OrderCommand.ConfirmOrder c -> new ConfirmOrder(c.orderId());
            case OrderCommand.ShipOrder c -> new ShipOrder(c.orderId());
            case OrderCommand.CancelOrder c -> new CancelOrder(c.orderId(), c.reason());
            case OrderCommand.DeliverOrder c -> new DeliverOrder(c.orderId());
        };
    }

    @Override
    protected OrderEvent event(Object payload) {
        return switch (payload) {
            case OrderPlaced p -> new OrderEvent.OrderPlaced(p.getOrderId(), p.getCustomerId(), lines(p.getLines()), p.getCurrency());
            case OrderConfirmed p -> new OrderEvent.OrderConfirmed(p.getOrderId());
            case OrderShipped p -> new OrderEvent.OrderShipped(p.getOrderId());
            case OrderCancelled p -> new OrderEvent.OrderCancelled(p.getOrderId(), p.getReason());
            case OrderDelivered p -> new OrderEvent.OrderDelivered(p.getOrderId());
            case null, default -> throw unknownPayload(payload);
        };
    }

    @Override
    protected Object eventPayload(OrderEvent event) {
        return switch (event) {
            case OrderEvent.OrderPlaced e -> new OrderPlaced(e.orderId(), e.customerId(), avroLines(e.lines()), e.currency());
            case OrderEvent.OrderConfirmed e -> new OrderConfirmed(e.orderId());
            case OrderEvent.OrderShipped e -> new OrderShipped(e.orderId());
            case OrderEvent.OrderCancelled e -> new OrderCancelled(e.orderId(), e.reason());
            case OrderEvent.OrderDelivered e -> new OrderDelivered(e.orderId());
        };
    }

    @Override
    protected OrderState state(String orderId, Object snapshot) {
        OrderSnapshot s = (OrderSnapshot) snapshot;
        OrderStatus status = required(s.getStatus(), "status");
        check(s.getCancelReason() == null || status == OrderStatus.CANCELLED, status + " with a cancelReason");
        return switch (status) {
            case NOT_PLACED -> {
                check(s.getCustomerId() == null && s.getLines().isEmpty() && s.getCurrency() == null,
                        "NOT_PLACED with the details of a placed order");
                yield new OrderState.NotPlaced();
            }
            case PLACED -> new OrderState.Placed(details(orderId, s));
            case CONFIRMED -> new OrderState.Confirmed(details(orderId, s));
            case SHIPPED -> new OrderState.Shipped(details(orderId, s));
            case DELIVERED -> new OrderState.Delivered(details(orderId, s));
            case CANCELLED -> new OrderState.Cancelled(details(orderId, s), required(s.getCancelReason(), "cancelReason"));
        };
    }

    private static OrderDetails details(String orderId, OrderSnapshot s) {
        return new OrderDetails(orderId, required(s.getCustomerId(), "customerId"),
                lines(s.getLines()), required(s.getCurrency(), "currency"));
    }

    @Override
    protected OrderSnapshot snapshot(OrderState state) {
        return switch (state) {
            case OrderState.NotPlaced s -> new OrderSnapshot(OrderStatus.NOT_PLACED, null, List.of(), null, null);
            case OrderState.Placed s -> snapshot(OrderStatus.PLACED, s.order(), null);
            case OrderState.Confirmed s -> snapshot(OrderStatus.CONFIRMED, s.order(), null);
            case OrderState.Shipped s -> snapshot(OrderStatus.SHIPPED, s.order(), null);
            case OrderState.Delivered s -> snapshot(OrderStatus.DELIVERED, s.order(), null);
            case OrderState.Cancelled s -> snapshot(OrderStatus.CANCELLED, s.order(), s.reason());
        };
    }

    private static OrderSnapshot snapshot(OrderStatus status, OrderDetails order, String cancelReason) {
        return new OrderSnapshot(status, order.customerId(), avroLines(order.lines()), order.currency(), cancelReason);
    }

    private static List<OrderLine> lines(List<io.eventline.schemas.avro.order.OrderLine> lines) {
        return lines.stream().map(l -> new OrderLine(l.getSku(), l.getQuantity(), l.getUnitPrice())).toList();
    }

    private static List<io.eventline.schemas.avro.order.OrderLine> avroLines(List<OrderLine> lines) {
        return lines.stream()
                .map(l -> new io.eventline.schemas.avro.order.OrderLine(l.sku(), l.quantity(), l.unitPrice()))
                .toList();
    }
}
