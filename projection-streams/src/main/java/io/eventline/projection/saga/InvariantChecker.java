package io.eventline.projection.saga;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Checks, once a workload has settled, that order fulfilment kept its promises, from the event topics
 * alone (read_committed, from the beginning to their end now): every order shipped (or delivered) or
 * cancelled; a cancelled order released all its stock, committed none and was refunded; a shipped one
 * paid its total once; no stock level and no balance ever negative, after any event; per account,
 * the balance equals the deposits minus what its orders cost in the end.
 *
 * <pre>{@code
 * InvariantReport report = new InvariantChecker(settings.clientConfig(), settings.topics(), registry).check();
 * if (!report.holds()) System.err.println(report);
 * }</pre>
 */
public final class InvariantChecker {

    private final Map<String, Object> clientConfig;
    private final Topics topics;
    private final SchemaRegistry registry;
    private final Duration readTimeout;

    public InvariantChecker(Map<String, Object> clientConfig, Topics topics, SchemaRegistry registry) {
        this(clientConfig, topics, registry, Duration.ofSeconds(60));
    }

    public InvariantChecker(Map<String, Object> clientConfig, Topics topics, SchemaRegistry registry, Duration readTimeout) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topics = topics;
        this.registry = registry;
        this.readTimeout = readTimeout;
    }

    public InvariantReport check() {
        Invariants invariants = new Invariants();
        read(Aggregates.order(registry), e -> invariants.order(e.metadata().aggregateId(), e.metadata().version(), e.event()));
        read(Aggregates.inventory(registry), e -> invariants.inventory(e.metadata().aggregateId(), e.metadata().version(), e.event()));
        read(Aggregates.account(registry), e -> invariants.account(e.metadata().aggregateId(), e.metadata().version(), e.event()));
        return invariants.report();
    }

    /** Feeds every event of the type's topic, partition by partition: each aggregate's events stay in order. */
    private <E> void read(AggregateType<?, ?, E> type, Consumer<EventEnvelope<E>> sink) {
        String topic = topics.events(type.name());
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, readTimeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            for (TopicPartition partition : partitions) {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long end = consumer.endOffsets(List.of(partition), readTimeout).get(partition);
                long deadline = System.nanoTime() + readTimeout.toNanos();
                while (consumer.position(partition, readTimeout) < end) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("could not read " + partition + " to offset " + end + " within " + readTimeout);
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.value() != null) { // an erased event: nothing to check
                            sink.accept(type.codec().decodeEvent(topic, record.headers(), record.value()));
                        }
                    }
                }
            }
        }
    }
}
