package io.eventline.projection.readmodel.customer;

import io.eventline.domain.order.CustomerStats;
import io.eventline.domain.order.CustomerStatsView;
import io.eventline.projection.readmodel.ProjectionProgress;
import io.eventline.schemas.avro.readmodel.CustomerOrderEvent;
import io.eventline.schemas.avro.readmodel.StoredCustomerStats;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * In the customer's partition: folds an order event into the customer's stats with
 * {@link CustomerStatsView}, unless that order's version was applied already (a replay). The view
 * alone would count a replayed OrderPlaced again once the order is no longer open.
 */
final class ApplyToCustomer implements FixedKeyProcessor<String, CustomerOrderEvent, Void> {

    private final CustomerStatsView view = new CustomerStatsView();
    private final ProjectionProgress progress;
    private KeyValueStore<String, StoredCustomerStats> stats;
    private KeyValueStore<String, Long> orderVersions;

    ApplyToCustomer(ProjectionProgress progress) {
        this.progress = progress;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Void> context) {
        stats = context.getStateStore(CustomerStatsTopology.STORE);
        orderVersions = context.getStateStore(CustomerStatsTopology.ORDER_VERSIONS);
    }

    @Override
    public void process(FixedKeyRecord<String, CustomerOrderEvent> record) {
        CustomerOrderEvent event = record.value();
        Long applied = orderVersions.get(event.getOrderId());
        if (applied != null && applied >= event.getOrderVersion()) {
            return;
        }
        StoredCustomerStats stored = stats.get(record.key());
        CustomerStats current = stored == null ? view.initialState() : CustomerStatsMapping.toDomain(stored);
        CustomerStats next = view.evolve(current, CustomerStatsMapping.toDomainEvent(event));
        // The latest event time, not the last one to arrive: orders interleave differently on a rebuild.
        Instant updatedAt = stored == null || event.getOccurredAt().isAfter(stored.getUpdatedAt())
                ? event.getOccurredAt() : stored.getUpdatedAt();
        stats.put(record.key(), CustomerStatsMapping.toAvro(record.key(), next, updatedAt));
        orderVersions.put(event.getOrderId(), event.getOrderVersion());
        progress.applied(event.getOccurredAt());
    }
}
