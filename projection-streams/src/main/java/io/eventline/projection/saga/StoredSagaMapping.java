package io.eventline.projection.saga;

import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.fulfilment.FulfilmentCommand;
import io.eventline.domain.fulfilment.FulfilmentState;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.shipment.ShipmentLine;
import io.eventline.schemas.avro.saga.CancelOrderStep;
import io.eventline.schemas.avro.saga.Charge;
import io.eventline.schemas.avro.saga.ChargePaymentStep;
import io.eventline.schemas.avro.saga.CommitStockStep;
import io.eventline.schemas.avro.saga.ConfirmOrderStep;
import io.eventline.schemas.avro.saga.CreateShipmentStep;
import io.eventline.schemas.avro.saga.OrderFulfilmentState;
import io.eventline.schemas.avro.saga.PlacedOrder;
import io.eventline.schemas.avro.saga.RefundPaymentStep;
import io.eventline.schemas.avro.saga.ReleaseStockStep;
import io.eventline.schemas.avro.saga.ReserveStockStep;
import io.eventline.schemas.avro.saga.ShipOrderStep;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A stored saga as {@link OrderFulfilmentState}, the value of the saga store. The steps need no
 * orderId: every command the saga sends concerns its own order. {@code due} is not kept: it is what
 * the last input caused, which was sent when it was stored, and the next evolve replaces it.
 */
final class StoredSagaMapping {

    private StoredSagaMapping() {}

    static Serde<StoredSaga> serde(SchemaRegistry registry) {
        AvroSerde<OrderFulfilmentState> avro = AvroSerde.forValues(OrderFulfilmentState.class, registry);
        return Serdes.serdeFrom(
                (topic, saga) -> saga == null ? null : avro.serializer().serialize(topic, toAvro(saga)),
                (topic, bytes) -> bytes == null ? null : fromAvro(avro.deserializer().deserialize(topic, bytes)));
    }

    static OrderFulfilmentState toAvro(StoredSaga saga) {
        FulfilmentState s = saga.state();
        PlacedOrder order = s.order() == null ? null : new PlacedOrder(s.order().customerId(),
                s.order().lines().stream().map(l -> new io.eventline.schemas.avro.order.OrderLine(l.sku(), l.quantity(), l.unitPrice())).toList(),
                s.order().currency());
        Charge charge = s.charge() == null ? null : new Charge(s.charge().customerId(), s.charge().amount());
        return new OrderFulfilmentState(s.orderId(), saga.correlationId().orElse(null), order,
                List.copyOf(s.reserved()), List.copyOf(s.released()), List.copyOf(s.committed()), charge,
                s.refunded(), s.shipmentCreated(), s.shipped(), s.cancelled(), s.reason(), s.refused(), s.stuck(),
                s.steps().stream().map(StoredSagaMapping::step).toList(), saga.deadline().orElse(null));
    }

    static StoredSaga fromAvro(OrderFulfilmentState a) {
        String id = a.getOrderId();
        OrderEvent.OrderPlaced order = a.getOrder() == null ? null : new OrderEvent.OrderPlaced(id, a.getOrder().getCustomerId(),
                a.getOrder().getLines().stream().map(l -> new OrderLine(l.getSku(), l.getQuantity(), l.getUnitPrice())).toList(),
                a.getOrder().getCurrency());
        AccountEvent.PaymentCharged charge = a.getCharge() == null ? null
                : new AccountEvent.PaymentCharged(a.getCharge().getCustomerId(), id, a.getCharge().getAmount());
        FulfilmentState state = new FulfilmentState(id, order, new HashSet<>(a.getReserved()), new HashSet<>(a.getReleased()),
                new HashSet<>(a.getCommitted()), charge, a.getRefunded(), a.getShipmentCreated(), a.getShipped(),
                a.getCancelled(), a.getReason(), a.getRefused(), a.getStuck(), a.getSteps().stream().map(step -> command(id, step)).toList(), List.of());
        return new StoredSaga(state, Optional.ofNullable(a.getCorrelationId()), Optional.ofNullable(a.getDeadline()));
    }

    private static Object step(FulfilmentCommand command) {
        return switch (command) {
            case FulfilmentCommand.ReserveStock(var c) -> new ReserveStockStep(c.sku(), c.quantity());
            case FulfilmentCommand.ChargePayment(var c) -> new ChargePaymentStep(c.customerId(), c.amount(), c.currency());
            case FulfilmentCommand.ConfirmOrder c -> new ConfirmOrderStep();
            case FulfilmentCommand.CreateShipment(var c) -> new CreateShipmentStep(c.lines().stream()
                    .map(l -> new io.eventline.schemas.avro.shipment.ShipmentLine(l.sku(), l.quantity())).toList());
            case FulfilmentCommand.ShipOrder c -> new ShipOrderStep();
            case FulfilmentCommand.CommitStock(var c) -> new CommitStockStep(c.sku());
            case FulfilmentCommand.ReleaseStock(var c) -> new ReleaseStockStep(c.sku());
            case FulfilmentCommand.RefundPayment(var c) -> new RefundPaymentStep(c.customerId());
            case FulfilmentCommand.CancelOrder(var c) -> new CancelOrderStep(c.reason());
        };
    }

    private static FulfilmentCommand command(String orderId, Object step) {
        return switch (step) {
            case ReserveStockStep s -> FulfilmentCommand.reserveStock(s.getSku(), orderId, s.getQuantity());
            case ChargePaymentStep s -> FulfilmentCommand.chargePayment(s.getCustomerId(), orderId, s.getAmount(), s.getCurrency());
            case ConfirmOrderStep s -> FulfilmentCommand.confirmOrder(orderId);
            case CreateShipmentStep s -> FulfilmentCommand.createShipment(orderId,
                    s.getLines().stream().map(l -> new ShipmentLine(l.getSku(), l.getQuantity())).toList());
            case ShipOrderStep s -> FulfilmentCommand.shipOrder(orderId);
            case CommitStockStep s -> FulfilmentCommand.commitStock(s.getSku(), orderId);
            case ReleaseStockStep s -> FulfilmentCommand.releaseStock(s.getSku(), orderId);
            case RefundPaymentStep s -> FulfilmentCommand.refundPayment(s.getCustomerId(), orderId);
            case CancelOrderStep s -> FulfilmentCommand.cancelOrder(orderId, s.getReason());
            case null, default -> throw new IllegalArgumentException("unknown saga step "
                    + (step == null ? "null" : step.getClass().getName()));
        };
    }
}
