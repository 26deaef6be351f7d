package io.eventline.command.mapping;

import static io.eventline.command.mapping.Decoding.check;
import static io.eventline.command.mapping.Decoding.nullable;
import static io.eventline.command.mapping.Decoding.optional;
import static io.eventline.command.mapping.Decoding.optionalLong;
import static io.eventline.command.mapping.Decoding.required;
import static io.eventline.command.mapping.Decoding.unknownPayload;

import io.eventline.command.AggregateCodec;
import io.eventline.command.CommandEnvelope;
import io.eventline.command.CommandMetadata;
import io.eventline.command.EventEnvelope;
import io.eventline.command.EventMetadata;
import io.eventline.command.StoredAggregate;
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
import io.eventline.schemas.serde.AvroSerde;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/** Orders as {@link OrderCommandEnvelope}, {@link OrderEventEnvelope} and {@link OrderAggregate}. */
public final class OrderMapping implements AggregateCodec<OrderCommand, OrderState, OrderEvent> {

    private final AvroSerde<OrderCommandEnvelope> commands;
    private final AvroSerde<OrderEventEnvelope> events;
    private final AvroSerde<OrderAggregate> states;

    public OrderMapping(SchemaRegistry registry) {
        this.commands = AvroSerde.forValues(OrderCommandEnvelope.class, registry);
        this.events = AvroSerde.forValues(OrderEventEnvelope.class, registry);
        this.states = AvroSerde.forValues(OrderAggregate.class, registry);
    }

    @Override
    public CommandEnvelope<OrderCommand> decodeCommand(String topic, Headers headers, byte[] value) {
        return Decoding.decode(commands, topic, headers, value, c -> new CommandEnvelope<>(
                new CommandMetadata(c.getCommandId(), c.getAggregateId(), optionalLong(c.getExpectedVersion()),
                        c.getIssuedAt(), c.getCorrelationId(), optional(c.getCausationId()), c.getActor()),
                command(c.getPayload())));
    }

    @Override
    public byte[] encodeCommand(String topic, Headers headers, CommandEnvelope<OrderCommand> command) {
        CommandMetadata m = command.metadata();
        return commands.serializer().serialize(topic, headers, OrderCommandEnvelope.newBuilder()
                .setCommandId(m.commandId()).setAggregateId(m.aggregateId())
                .setExpectedVersion(nullable(m.expectedVersion())).setIssuedAt(m.issuedAt())
                .setCorrelationId(m.correlationId()).setCausationId(m.causationId().orElse(null)).setActor(m.actor())
                .setPayload(payload(command.command()))
                .build());
    }

    @Override
    public EventEnvelope<OrderEvent> decodeEvent(String topic, Headers headers, byte[] value) {
        return Decoding.decode(events, topic, headers, value, e -> new EventEnvelope<>(
                new EventMetadata(e.getEventId(), e.getAggregateType(), e.getAggregateId(), e.getVersion(),
                        e.getOccurredAt(), e.getCommandId(), e.getCorrelationId(), optional(e.getCausationId()), e.getActor()),
                event(e.getPayload())));
    }

    @Override
    public byte[] encodeEvent(String topic, Headers headers, EventEnvelope<OrderEvent> event) {
        EventMetadata m = event.metadata();
        return events.serializer().serialize(topic, headers, OrderEventEnvelope.newBuilder()
                .setEventId(m.eventId()).setAggregateType(m.aggregateType()).setAggregateId(m.aggregateId())
                .setVersion(m.version()).setOccurredAt(m.occurredAt()).setCommandId(m.commandId())
                .setCorrelationId(m.correlationId()).setCausationId(m.causationId().orElse(null)).setActor(m.actor())
                .setPayload(payload(event.event()))
                .build());
    }

    @Override
    public StoredAggregate<OrderState> decodeState(String subjectTopic, String aggregateId, byte[] value) {
        return Decoding.decode(states, subjectTopic, null, value,
                a -> new StoredAggregate<>(a.getVersion(), a.getUpdatedAt(), state(aggregateId, a.getState())));
    }

    @Override
    public byte[] encodeState(String subjectTopic, StoredAggregate<OrderState> state) {
        return states.serializer().serialize(subjectTopic,
                new OrderAggregate(state.version(), state.updatedAt(), snapshot(state.state())));
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

    private static OrderCommand command(Object payload) {
        return switch (payload) {
            case PlaceOrder p -> new OrderCommand.PlaceOrder(p.getOrderId(), p.getCustomerId(), lines(p.getLines()), p.getCurrency());
            case ConfirmOrder p -> new OrderCommand.ConfirmOrder(p.getOrderId());
            case ShipOrder p -> new OrderCommand.ShipOrder(p.getOrderId());
            case CancelOrder p -> new OrderCommand.CancelOrder(p.getOrderId(), p.getReason());
            case DeliverOrder p -> new OrderCommand.DeliverOrder(p.getOrderId());
            case null, default -> throw unknownPayload(payload);
        };
    }

    private static Object payload(OrderCommand command) {
        return switch (command) {
            case OrderCommand.PlaceOrder c -> new PlaceOrder(c.orderId(), c.customerId(), avroLines(c.lines()), c.currency());
            case OrderCommand.ConfirmOrder c -> new ConfirmOrder(c.orderId());
            case OrderCommand.ShipOrder c -> new ShipOrder(c.orderId());
            case OrderCommand.CancelOrder c -> new CancelOrder(c.orderId(), c.reason());
            case OrderCommand.DeliverOrder c -> new DeliverOrder(c.orderId());
        };
    }

    private static OrderEvent event(Object payload) {
        return switch (payload) {
            case OrderPlaced p -> new OrderEvent.OrderPlaced(p.getOrderId(), p.getCustomerId(), lines(p.getLines()), p.getCurrency());
            case OrderConfirmed p -> new OrderEvent.OrderConfirmed(p.getOrderId());
            case OrderShipped p -> new OrderEvent.OrderShipped(p.getOrderId());
            case OrderCancelled p -> new OrderEvent.OrderCancelled(p.getOrderId(), p.getReason());
            case OrderDelivered p -> new OrderEvent.OrderDelivered(p.getOrderId());
            case null, default -> throw unknownPayload(payload);
        };
    }

    private static Object payload(OrderEvent event) {
        return switch (event) {
            case OrderEvent.OrderPlaced e -> new OrderPlaced(e.orderId(), e.customerId(), avroLines(e.lines()), e.currency());
            case OrderEvent.OrderConfirmed e -> new OrderConfirmed(e.orderId());
            case OrderEvent.OrderShipped e -> new OrderShipped(e.orderId());
            case OrderEvent.OrderCancelled e -> new OrderCancelled(e.orderId(), e.reason());
            case OrderEvent.OrderDelivered e -> new OrderDelivered(e.orderId());
        };
    }

    private static OrderState state(String orderId, OrderSnapshot s) {
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

    private static OrderSnapshot snapshot(OrderState state) {
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
