package io.eventline.projection.readmodel.order;

import io.eventline.contracts.EventEnvelope;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.order.OrderStatus;
import io.eventline.domain.order.OrderSummary;
import io.eventline.domain.order.OrderSummaryView;
import io.eventline.projection.readmodel.VersionedFold;
import io.eventline.schemas.avro.readmodel.OrderSummaryStatus;
import io.eventline.schemas.avro.readmodel.OrderTimelineEntry;
import io.eventline.schemas.avro.readmodel.StoredOrderSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link OrderSummaryView} over {@link StoredOrderSummary}: the domain's summary plus the version and the timeline. */
public final class OrderSummaryMapping implements VersionedFold<OrderEvent, StoredOrderSummary> {

    private final OrderSummaryView view = new OrderSummaryView();

    @Override
    public StoredOrderSummary initial(String orderId) {
        return toAvro(orderId, 0, view.initialState(), List.of());
    }

    @Override
    public long version(StoredOrderSummary stored) {
        return stored.getVersion();
    }

    @Override
    public StoredOrderSummary apply(StoredOrderSummary stored, EventEnvelope<OrderEvent> event) {
        OrderSummary next = view.evolve(toDomain(stored), event.event());
        List<OrderTimelineEntry> timeline = new ArrayList<>(stored.getTimeline());
        timeline.add(new OrderTimelineEntry(event.metadata().version(), event.event().getClass().getSimpleName(),
                event.metadata().occurredAt()));
        return toAvro(stored.getOrderId(), event.metadata().version(), next, timeline);
    }

    static OrderSummary toDomain(StoredOrderSummary s) {
        return new OrderSummary(OrderStatus.valueOf(s.getStatus().name()), s.getCustomerId(),
                s.getLines().stream().map(l -> new OrderLine(l.getSku(), l.getQuantity(), l.getUnitPrice())).toList(),
                s.getItemCount(), s.getTotal(), s.getCurrency(), s.getCancelReason());
    }

    static StoredOrderSummary toAvro(String orderId, long version, OrderSummary summary, List<OrderTimelineEntry> timeline) {
        return StoredOrderSummary.newBuilder()
                .setOrderId(orderId)
                .setVersion(version)
                .setStatus(OrderSummaryStatus.valueOf(summary.status().name()))
                .setCustomerId(summary.customerId())
                .setLines(summary.lines().stream()
                        .map(l -> new io.eventline.schemas.avro.order.OrderLine(l.sku(), l.quantity(), l.unitPrice()))
                        .toList())
                .setItemCount(summary.itemCount())
                .setTotal(summary.total())
                .setCurrency(summary.currency())
                .setCancelReason(summary.cancelReason())
                .setTimeline(timeline)
                .build();
    }

    /** The JSON of GET /readmodels/orders/{orderId}. */
    public static Map<String, Object> json(StoredOrderSummary s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", s.getOrderId());
        json.put("status", s.getStatus().name());
        json.put("customerId", s.getCustomerId());
        json.put("lines", s.getLines().stream().map(l -> Map.of(
                "sku", l.getSku(), "quantity", l.getQuantity(), "unitPrice", l.getUnitPrice())).toList());
        json.put("itemCount", s.getItemCount());
        json.put("total", s.getTotal());
        json.put("currency", s.getCurrency());
        json.put("cancelReason", s.getCancelReason());
        json.put("timeline", s.getTimeline().stream().map(t -> Map.of(
                "version", t.getVersion(), "type", t.getType(), "occurredAt", t.getOccurredAt())).toList());
        json.put("version", s.getVersion());
        return json;
    }
}
