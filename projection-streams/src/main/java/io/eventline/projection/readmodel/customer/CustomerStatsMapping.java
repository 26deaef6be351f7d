package io.eventline.projection.readmodel.customer;

import io.eventline.contracts.EventEnvelope;
import io.eventline.domain.order.CustomerStats;
import io.eventline.domain.order.CustomerStats.OpenOrder;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.schemas.avro.readmodel.CustomerOpenOrder;
import io.eventline.schemas.avro.readmodel.CustomerOrderEvent;
import io.eventline.schemas.avro.readmodel.CustomerOrderEventType;
import io.eventline.schemas.avro.readmodel.OrderFacts;
import io.eventline.schemas.avro.readmodel.StoredCustomerStats;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Order events routed to customers, and {@link CustomerStats} as {@link StoredCustomerStats}. */
public final class CustomerStatsMapping {

    private CustomerStatsMapping() {}

    static CustomerOrderEvent routed(OrderFacts facts, EventEnvelope<OrderEvent> envelope) {
        CustomerOrderEvent.Builder routed = CustomerOrderEvent.newBuilder()
                .setCustomerId(facts.getCustomerId())
                .setOrderId(envelope.metadata().aggregateId())
                .setOrderVersion(envelope.metadata().version())
                .setOccurredAt(envelope.metadata().occurredAt())
                .setCurrency(facts.getCurrency());
        return switch (envelope.event()) {
            case OrderEvent.OrderPlaced placed -> routed.setType(CustomerOrderEventType.PLACED).setLines(placed.lines().stream()
                    .map(l -> new io.eventline.schemas.avro.order.OrderLine(l.sku(), l.quantity(), l.unitPrice())).toList()).build();
            case OrderEvent.OrderConfirmed confirmed -> routed.setType(CustomerOrderEventType.CONFIRMED).build();
            case OrderEvent.OrderShipped shipped -> routed.setType(CustomerOrderEventType.SHIPPED).build();
            case OrderEvent.OrderDelivered delivered -> routed.setType(CustomerOrderEventType.DELIVERED).build();
            case OrderEvent.OrderCancelled cancelled -> routed.setType(CustomerOrderEventType.CANCELLED)
                    .setReason(cancelled.reason()).build();
        };
    }

    static OrderEvent toDomainEvent(CustomerOrderEvent e) {
        String orderId = e.getOrderId();
        return switch (e.getType()) {
            case PLACED -> new OrderEvent.OrderPlaced(orderId, e.getCustomerId(), e.getLines().stream()
                    .map(l -> new OrderLine(l.getSku(), l.getQuantity(), l.getUnitPrice())).toList(), e.getCurrency());
            case CONFIRMED -> new OrderEvent.OrderConfirmed(orderId);
            case SHIPPED -> new OrderEvent.OrderShipped(orderId);
            case DELIVERED -> new OrderEvent.OrderDelivered(orderId);
            case CANCELLED -> new OrderEvent.OrderCancelled(orderId, e.getReason());
        };
    }

    static CustomerStats toDomain(StoredCustomerStats s) {
        Map<String, OpenOrder> open = new TreeMap<>();
        s.getOpenOrders().forEach((id, o) -> open.put(id, new OpenOrder(o.getTotal(), o.getCurrency(), o.getConfirmed())));
        return new CustomerStats(s.getOrdersPlaced(), s.getOrdersConfirmed(), s.getOrdersCancelled(), s.getTotalSpent(), open);
    }

    static StoredCustomerStats toAvro(String customerId, CustomerStats stats, Instant updatedAt) {
        Map<String, CustomerOpenOrder> open = new TreeMap<>();
        stats.openOrders().forEach((id, o) -> open.put(id, new CustomerOpenOrder(o.total(), o.currency(), o.confirmed())));
        return new StoredCustomerStats(customerId, stats.ordersPlaced(), stats.ordersConfirmed(), stats.ordersCancelled(),
                new TreeMap<>(stats.totalSpent()), open, updatedAt);
    }

    /** The JSON of GET /readmodels/customers/{customerId}. */
    public static Map<String, Object> json(StoredCustomerStats s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("customerId", s.getCustomerId());
        json.put("ordersPlaced", s.getOrdersPlaced());
        json.put("ordersConfirmed", s.getOrdersConfirmed());
        json.put("ordersCancelled", s.getOrdersCancelled());
        json.put("totalSpent", new TreeMap<>(s.getTotalSpent()));
        Map<String, Object> open = new TreeMap<>();
        s.getOpenOrders().forEach((id, o) -> open.put(id, Map.of(
                "total", o.getTotal(), "currency", o.getCurrency(), "confirmed", o.getConfirmed())));
        json.put("openOrders", open);
        json.put("updatedAt", s.getUpdatedAt());
        return json;
    }
}
