package io.eventline.command.app;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.StoredAggregate;
import io.eventline.contracts.StoreNames;
import io.eventline.schemas.topics.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Rebuilds the command service's aggregate snapshots from the event topics, after a change to a
 * decider's {@code evolve}: every aggregate's events are folded again from the start and the new
 * snapshot is appended to the aggregates store's changelog. Instances restore from their checkpoint
 * onwards, so they pick the new snapshots up when they start; run it while every instance of the
 * application is stopped (it refuses otherwise), so that no command is decided on an old snapshot.
 */
public final class AggregateRebuild {

    /** What one aggregate type's rebuild did. */
    public record Result(String aggregateType, long events, int aggregates, Duration took, double eventsPerSecond) {}

    private final Map<String, Object> clientConfig;
    private final Topics topics;
    private final String applicationId;
    private final PrintStream out;

    public AggregateRebuild(Map<String, Object> clientConfig, Topics topics, String applicationId, PrintStream out) {
        this.clientConfig = clientConfig;
        this.topics = topics;
        this.applicationId = applicationId;
        this.out = out;
    }

    public <C, S, E> Result rebuild(AggregateType<C, S, E> type) throws Exception {
        refuseWhileRunning();
        long started = System.nanoTime();
        String eventTopic = topics.events(type.name());
        Map<String, StoredAggregate<S>> folded = new LinkedHashMap<>();
        long events = 0;
        try (var consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(eventTopic).stream()
                    .map(p -> new TopicPartition(eventTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue; // an erased event
                    }
                    EventEnvelope<E> event = type.codec().decodeEvent(eventTopic, record.headers(), record.value());
                    String id = event.metadata().aggregateId();
                    StoredAggregate<S> before = folded.getOrDefault(id, type.initial());
                    folded.put(id, new StoredAggregate<>(event.metadata().version(), event.metadata().occurredAt(),
                            type.decider().evolve(before.state(), event.event())));
                    events++;
                }
                progress(type.name(), events, started);
            }
        }
        String changelog = new StoreNames(type.name()).aggregatesChangelog(applicationId);
        Map<String, Object> producerConfig = new HashMap<>(clientConfig);
        producerConfig.put("acks", "all");
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            for (var entry : folded.entrySet()) {
                producer.send(new ProducerRecord<>(changelog, entry.getKey(), type.codec().encodeState(changelog, entry.getValue())));
            }
            producer.flush();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Result result = new Result(type.name(), events, folded.size(), took, events / Math.max(0.001, took.toNanos() / 1e9));
        out.printf("%n%s: %d events folded into %d aggregates in %d ms (%.0f events/s), written to %s%n",
                type.name(), events, folded.size(), took.toMillis(), result.eventsPerSecond(), changelog);
        return result;
    }

    private void refuseWhileRunning() throws Exception {
        try (Admin admin = Admin.create(clientConfig)) {
            org.apache.kafka.clients.admin.ConsumerGroupDescription group;
            try {
                group = admin.describeConsumerGroups(List.of(applicationId)).all().get().get(applicationId);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                    return; // never ran: nothing to stop
                }
                throw e;
            }
            if (group != null && !group.members().isEmpty()) {
                throw new IllegalStateException("application " + applicationId + " has " + group.members().size()
                        + " running member(s): stop every command-service instance before rebuilding its state");
            }
        }
    }

    private void progress(String type, long events, long started) {
        double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
        out.printf("\r%s: %,d events read (%.0f events/s)", type, events, events / seconds);
        out.flush();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put("isolation.level", "read_committed");
        config.put("max.poll.records", 5000);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
