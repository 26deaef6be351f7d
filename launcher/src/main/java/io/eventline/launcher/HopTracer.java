package io.eventline.launcher;

import io.eventline.schemas.serde.EnvelopeHeaders;
import io.eventline.schemas.topics.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where an order waits: reads every command and event topic (read_committed, as the services do)
 * and feeds each record of the run's orders to {@link HopTimes} with when it became visible here.
 * Records are matched by the {@code correlation-id} and {@code event-type} headers every envelope
 * carries, so nothing is decoded and the tracer costs the pipeline one more consumer only.
 */
final class HopTracer implements AutoCloseable {

    private final Set<String> commandTopics;
    private final HopTimes times;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    HopTracer(Map<String, Object> clientConfig, Topics topics, String correlationPrefix, Map<String, Long> firstDueMillis) {
        this.times = new HopTimes(correlationPrefix, firstDueMillis);
        this.commandTopics = Topics.AGGREGATES.stream().map(topics::commands).collect(Collectors.toSet());
        List<String> watched = new ArrayList<>(commandTopics);
        Topics.AGGREGATES.stream().map(topics::events).forEach(watched::add);
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put("isolation.level", "read_committed");
        config.remove("group.id");
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : watched) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = Thread.ofPlatform().name("demo-hop-tracer").daemon().start(this::run);
    }

    private void run() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    times.see(header(record, EnvelopeHeaders.CORRELATION_ID), header(record, EnvelopeHeaders.EVENT_TYPE),
                            commandTopics.contains(record.topic()), now);
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    void print(PrintStream out, long minCount) {
        times.print(out, minCount);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
