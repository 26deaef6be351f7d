package io.eventline.launcher;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.domain.order.OrderEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

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
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    OrderTracker(Map<String, Object> clientConfig, String topic, AggregateType<?, ?, OrderEvent> orders, String orderPrefix,
                 Map<String, Long> dueMillisByCorrelation) {
        this.dueMillisByCorrelation = dueMillisByCorrelation;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put("isolation.level", "read_committed");
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = Thread.ofPlatform().name("demo-order-tracker").daemon().start(() -> {
            try {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        if (record.value() != null) {
                            track(orders.codec().decodeEvent(topic, record.headers(), record.value()), orderPrefix);
                        }
                    }
                }
            } catch (WakeupException stopping) {
                // closing
            } finally {
                consumer.close();
            }
        });
    }

    private void track(EventEnvelope<OrderEvent> event, String orderPrefix) {
        String id = event.metadata().aggregateId();
        if (!id.startsWith(orderPrefix)) {
            return;
        }
        events.incrementAndGet();
        long now = System.currentTimeMillis();
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
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
