package io.eventline.projection.readmodel.sales;

import io.eventline.domain.order.DailySales;
import io.eventline.domain.order.DailySalesView;
import io.eventline.projection.readmodel.ProjectionProgress;
import io.eventline.schemas.avro.readmodel.ConfirmedOrderSale;
import io.eventline.schemas.avro.readmodel.StoredDailySales;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/** In the day's partition: adds a sale with {@link DailySalesView}, once per order (its applied version is kept). */
final class ApplySale implements FixedKeyProcessor<String, ConfirmedOrderSale, Void> {

    private final DailySalesView view = new DailySalesView();
    private final ProjectionProgress progress;
    private KeyValueStore<String, StoredDailySales> sales;
    private KeyValueStore<String, Long> orderVersions;

    ApplySale(ProjectionProgress progress) {
        this.progress = progress;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Void> context) {
        sales = context.getStateStore(DailySalesTopology.STORE);
        orderVersions = context.getStateStore(DailySalesTopology.ORDER_VERSIONS);
    }

    @Override
    public void process(FixedKeyRecord<String, ConfirmedOrderSale> record) {
        ConfirmedOrderSale sale = record.value();
        Long applied = orderVersions.get(sale.getOrderId());
        if (applied != null && applied >= sale.getOrderVersion()) {
            return;
        }
        StoredDailySales stored = sales.get(record.key());
        DailySales current = stored == null ? view.initialState() : new DailySales(stored.getOrders(), stored.getRevenue());
        DailySales next = view.evolve(current, new DailySalesView.ConfirmedSale(sale.getOrderId(), sale.getCurrency(), sale.getTotal()));
        // The latest sale's time, not the last one to arrive: a rebuild may interleave orders differently.
        Instant updatedAt = stored == null || sale.getOccurredAt().isAfter(stored.getUpdatedAt())
                ? sale.getOccurredAt() : stored.getUpdatedAt();
        sales.put(record.key(), new StoredDailySales(sale.getDay(), sale.getCurrency(), next.orders(), next.revenue(), updatedAt));
        orderVersions.put(sale.getOrderId(), sale.getOrderVersion());
        progress.applied(sale.getOccurredAt());
    }
}
