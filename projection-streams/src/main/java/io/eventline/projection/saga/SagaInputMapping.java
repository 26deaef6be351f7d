package io.eventline.projection.saga;

import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.fulfilment.CommandKind;
import io.eventline.domain.fulfilment.FulfilmentEvent;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.shipment.ShipmentEvent;
import io.eventline.domain.shipment.ShipmentLine;
import io.eventline.schemas.avro.saga.CommandRejected;
import io.eventline.schemas.avro.saga.OrderCancelled;
import io.eventline.schemas.avro.saga.OrderFulfilmentInput;
import io.eventline.schemas.avro.saga.OrderPlaced;
import io.eventline.schemas.avro.saga.OrderShipped;
import io.eventline.schemas.avro.saga.PaymentCharged;
import io.eventline.schemas.avro.saga.PaymentDeclined;
import io.eventline.schemas.avro.saga.PaymentRefunded;
import io.eventline.schemas.avro.saga.SagaCommandKind;
import io.eventline.schemas.avro.saga.ShipmentCreated;
import io.eventline.schemas.avro.saga.StockCommitted;
import io.eventline.schemas.avro.saga.StockReleased;
import io.eventline.schemas.avro.saga.StockReservationFailed;
import io.eventline.schemas.avro.saga.StockReserved;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Saga inputs as {@link OrderFulfilmentInput}, the value of the saga's repartition topic. The
 * payloads leave out the orderId, which the input carries once.
 */
final class SagaInputMapping {

    private SagaInputMapping() {}

    static Serde<SagaInput> serde(SchemaRegistry registry) {
        AvroSerde<OrderFulfilmentInput> avro = AvroSerde.forValues(OrderFulfilmentInput.class, registry);
        return Serdes.serdeFrom(
                (topic, input) -> input == null ? null : avro.serializer().serialize(topic, toAvro(input)),
                (topic, bytes) -> bytes == null ? null : fromAvro(avro.deserializer().deserialize(topic, bytes)));
    }

    static OrderFulfilmentInput toAvro(SagaInput input) {
        return new OrderFulfilmentInput(input.inputId(), input.orderId(), input.occurredAt(),
                input.correlationId().orElse(null), payload(input.event()));
    }

    static SagaInput fromAvro(OrderFulfilmentInput a) {
        return new SagaInput(a.getInputId(), a.getOccurredAt(), Optional.ofNullable(a.getCorrelationId()),
                event(a.getOrderId(), a.getPayload()));
    }

    private static Object payload(FulfilmentEvent event) {
        return switch (event) {
            case FulfilmentEvent.OrderPlaced(var e) -> new OrderPlaced(e.customerId(),
                    e.lines().stream().map(l -> new io.eventline.schemas.avro.order.OrderLine(l.sku(), l.quantity(), l.unitPrice())).toList(),
                    e.currency());
            case FulfilmentEvent.OrderShipped(var e) -> new OrderShipped();
            case FulfilmentEvent.OrderCancelled(var e) -> new OrderCancelled(e.reason());
            case FulfilmentEvent.StockReserved(var e) -> new StockReserved(e.sku(), e.quantity());
            case FulfilmentEvent.StockReservationFailed(var e) -> new StockReservationFailed(e.sku(), e.quantity(), e.reason());
            case FulfilmentEvent.StockReleased(var e) -> new StockReleased(e.sku(), e.quantity());
            case FulfilmentEvent.StockCommitted(var e) -> new StockCommitted(e.sku(), e.quantity());
            case FulfilmentEvent.PaymentCharged(var e) -> new PaymentCharged(e.customerId(), e.amount());
            case FulfilmentEvent.PaymentDeclined(var e) -> new PaymentDeclined(e.customerId(), e.amount(), e.reason());
            case FulfilmentEvent.PaymentRefunded(var e) -> new PaymentRefunded(e.customerId(), e.amount());
            case FulfilmentEvent.ShipmentCreated(var e) -> new ShipmentCreated(e.lines().stream()
                    .map(l -> new io.eventline.schemas.avro.shipment.ShipmentLine(l.sku(), l.quantity())).toList());
            case FulfilmentEvent.CommandRejected e -> new CommandRejected(SagaCommandKind.valueOf(e.commandKind().name()), e.code());
            case FulfilmentEvent.DeadlinePassed e ->
                    throw new IllegalArgumentException("a deadline is raised inside the saga's task, never repartitioned");
        };
    }

    private static FulfilmentEvent event(String orderId, Object payload) {
        return switch (payload) {
            case OrderPlaced p -> new FulfilmentEvent.OrderPlaced(new OrderEvent.OrderPlaced(orderId, p.getCustomerId(),
                    p.getLines().stream().map(l -> new OrderLine(l.getSku(), l.getQuantity(), l.getUnitPrice())).toList(),
                    p.getCurrency()));
            case OrderShipped p -> new FulfilmentEvent.OrderShipped(new OrderEvent.OrderShipped(orderId));
            case OrderCancelled p -> new FulfilmentEvent.OrderCancelled(new OrderEvent.OrderCancelled(orderId, p.getReason()));
            case StockReserved p -> new FulfilmentEvent.StockReserved(
                    new InventoryEvent.StockReserved(p.getSku(), orderId, p.getQuantity()));
            case StockReservationFailed p -> new FulfilmentEvent.StockReservationFailed(
                    new InventoryEvent.StockReservationFailed(p.getSku(), orderId, p.getQuantity(), p.getReason()));
            case StockReleased p -> new FulfilmentEvent.StockReleased(
                    new InventoryEvent.StockReleased(p.getSku(), orderId, p.getQuantity()));
            case StockCommitted p -> new FulfilmentEvent.StockCommitted(
                    new InventoryEvent.StockCommitted(p.getSku(), orderId, p.getQuantity()));
            case PaymentCharged p -> new FulfilmentEvent.PaymentCharged(
                    new AccountEvent.PaymentCharged(p.getCustomerId(), orderId, p.getAmount()));
            case PaymentDeclined p -> new FulfilmentEvent.PaymentDeclined(
                    new AccountEvent.PaymentDeclined(p.getCustomerId(), orderId, p.getAmount(), p.getReason()));
            case PaymentRefunded p -> new FulfilmentEvent.PaymentRefunded(
                    new AccountEvent.PaymentRefunded(p.getCustomerId(), orderId, p.getAmount()));
            case ShipmentCreated p -> new FulfilmentEvent.ShipmentCreated(new ShipmentEvent.ShipmentCreated(orderId,
                    p.getLines().stream().map(l -> new ShipmentLine(l.getSku(), l.getQuantity())).toList()));
            case CommandRejected p -> new FulfilmentEvent.CommandRejected(orderId,
                    CommandKind.valueOf(p.getCommandKind().name()), p.getCode());
            case null, default -> throw new IllegalArgumentException("unknown saga input payload "
                    + (payload == null ? "null" : payload.getClass().getName()));
        };
    }
}
