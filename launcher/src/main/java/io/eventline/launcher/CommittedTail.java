package io.eventline.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows topics from their end as it is when this opens, read_committed (what the services see),
 * on a daemon thread of its own: each record goes to the handler with the time its poll returned,
 * which is when it became visible here.
 */
final class CommittedTail implements AutoCloseable {

    interface Handler {
        void handle(ConsumerRecord<byte[], byte[]> record, long visibleAtMillis);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    CommittedTail(Map<String, Object> clientConfig, Collection<String> topics, String threadName, Handler handler) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put("isolation.level", "read_committed");
        config.remove("group.id");
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end offsets now: a record committed after this constructor returns is seen.
        partitions.forEach(consumer::position);
        thread = Thread.ofPlatform().name(threadName).daemon().start(() -> {
            try {
                while (running) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    long now = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        handler.handle(record, now);
                    }
                }
            } catch (WakeupException stopping) {
                // closing
            } finally {
                consumer.close();
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
