package io.eventline.launcher;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.domain.order.OrderEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Watches the order event topic (read_committed) for the run's orders and times each one from
 * when its PlaceOrder was due to its end, as seen by this process: shipped, or cancelled by
 * compensation.
 */
final class OrderTracker implements AutoCloseable {

    final AtomicLong placed = new AtomicLong();
    final AtomicLong shipped = new AtomicLong();
    final AtomicLong cancelled = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    final Histogram placedToShippedMillis = new ConcurrentHistogram(3);
    private final Map<String, Long> dueMillisByCorrelation;
    private final CommittedTail tail;

    OrderTracker(Map<String, Object> clientConfig, String topic, AggregateType<?, ?, OrderEvent> orders, String orderPrefix,
                 Map<String, Long> dueMillisByCorrelation) {
        this.dueMillisByCorrelation = dueMillisByCorrelation;
        this.tail = new CommittedTail(clientConfig, List.of(topic), "demo-order-tracker", (record, visibleAt) -> {
            if (record.value() != null) {
                track(orders.codec().decodeEvent(topic, record.headers(), record.value()), orderPrefix, visibleAt);
            }
        });
    }

    private void track(EventEnvelope<OrderEvent> event, String orderPrefix, long now) {
        String id = event.metadata().aggregateId();
        if (!id.startsWith(orderPrefix)) {
            return;
        }
        events.incrementAndGet();
        switch (event.event()) {
            case OrderEvent.OrderPlaced p -> placed.incrementAndGet();
            case OrderEvent.OrderShipped s -> {
                shipped.incrementAndGet();
                Long due = dueMillisByCorrelation.get(event.metadata().correlationId());
                if (due != null) {
                    placedToShippedMillis.recordValue(Math.max(0, now - due));
                }
            }
            case OrderEvent.OrderCancelled c -> cancelled.incrementAndGet();
            default -> {
            }
        }
    }

    long finished() {
        return shipped.get() + cancelled.get();
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
    }
}
