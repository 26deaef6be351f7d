package io.eventline.client;

import io.eventline.contracts.AggregatePartitioner;
import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.OutcomeCodec;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java client of the pipeline, for applications that publish commands. {@link #send} publishes a
 * command to its aggregate's command topic and partition and hands back its outcome, read from the
 * results topic (read_committed); {@link #publish} only publishes; {@link #follow} streams one
 * aggregate's committed events. Sending the same command again after a timeout is safe: the command
 * service answers a duplicate with its first outcome. Only kafka-clients and the contracts.
 *
 * <pre>{@code
 * try (EventlineClient client = EventlineClient.create(kafkaConfig, Topics.defaults().withPrefix("shop"), registry)) {
 *     CommandOutcome outcome = client.send(Aggregates.order(registry), placeOrder, Duration.ofSeconds(10)).join();
 * }
 * }</pre>
 */
public final class EventlineClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventlineClient.class);

    private final Topics topics;
    private final OutcomeCodec outcomes;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, CompletableFuture<CommandOutcome>> pending = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final Map<String, Object> clientConfig;
    private final Thread listener;
    private volatile boolean running = true;

    /** A client whose outcomes are decoded with the Avro contracts of {@code registry}. */
    public static EventlineClient create(Map<String, Object> clientConfig, Topics topics, SchemaRegistry registry) {
        return new EventlineClient(clientConfig, topics, new AvroOutcomeCodec(registry));
    }

    public EventlineClient(Map<String, Object> clientConfig, Topics topics, OutcomeCodec outcomes) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topics = topics;
        this.outcomes = outcomes;
        Map<String, Object> producerConfig = new HashMap<>(clientConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "eventline-client");
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topics.commandResults(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end offsets now: a result that arrives after this constructor returns is seen.
        partitions.forEach(consumer::position);
        this.listener = Thread.ofPlatform().name("eventline-client-results").daemon().start(this::listen);
    }

    /** Publishes the command; the future completes with its outcome, or fails with a TimeoutException. */
    public <C> CompletableFuture<CommandOutcome> send(AggregateType<C, ?, ?> type, CommandEnvelope<C> command, Duration timeout) {
        String commandId = command.metadata().commandId();
        CompletableFuture<CommandOutcome> outcome = pending.computeIfAbsent(commandId, id -> new CompletableFuture<>());
        ProducerRecord<String, byte[]> record;
        try {
            record = record(type, command);
        } catch (RuntimeException e) {
            pending.remove(commandId, outcome);
            return CompletableFuture.failedFuture(e);
        }
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                pending.remove(commandId);
                outcome.completeExceptionally(error);
            }
        });
        return outcome.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
            if (e instanceof TimeoutException) {
                pending.remove(commandId, outcome);
            }
        });
    }

    /** Publishes without waiting for the outcome (a producer that only fires commands). */
    public <C> void publish(AggregateType<C, ?, ?> type, CommandEnvelope<C> command) {
        producer.send(record(type, command));
    }

    /**
     * The command as a record of its aggregate's command topic: keyed by aggregate id, on the partition
     * the pipeline's rule gives it ({@link AggregatePartitioner}: murmur2 of the id), whatever
     * partitioner the client configuration names, and timestamped with its issue time.
     */
    private <C> ProducerRecord<String, byte[]> record(AggregateType<C, ?, ?> type, CommandEnvelope<C> command) {
        String topic = topics.commands(type.name());
        RecordHeaders headers = new RecordHeaders();
        byte[] value = type.codec().encodeCommand(topic, headers, command);
        String aggregateId = command.metadata().aggregateId();
        int partition = AggregatePartitioner.partitionOf(aggregateId, partitionCount(topic));
        return new ProducerRecord<>(topic, partition, command.metadata().issuedAt().toEpochMilli(), aggregateId, value, headers);
    }

    private int partitionCount(String topic) {
        return partitionCounts.computeIfAbsent(topic, t -> producer.partitionsFor(t).size());
    }

    /**
     * Streams the committed events of one aggregate, from {@code fromVersion} on, in version order, to
     * {@code onEvent}, on a thread of its own, until the returned handle is closed: the aggregate's
     * partition of its event topic, read_committed, from the beginning.
     */
    public <E> AutoCloseable follow(AggregateType<?, ?, E> type, String aggregateId, long fromVersion,
                                    Consumer<EventEnvelope<E>> onEvent) {
        String topic = topics.events(type.name());
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        KafkaConsumer<byte[], byte[]> events = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(topic, AggregatePartitioner.partitionOf(aggregateId, partitionCount(topic)));
        events.assign(List.of(partition));
        events.seekToBeginning(List.of(partition));
        AtomicBoolean following = new AtomicBoolean(true);
        Thread reader = Thread.ofPlatform().name("eventline-follow-" + aggregateId).daemon().start(() -> {
            try {
                while (following.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : events.poll(Duration.ofMillis(100))) {
                        if (record.value() == null) {
                            continue; // an erased event
                        }
                        EventEnvelope<E> event = type.codec().decodeEvent(topic, record.headers(), record.value());
                        if (event.metadata().aggregateId().equals(aggregateId) && event.metadata().version() >= fromVersion) {
                            onEvent.accept(event);
                        }
                    }
                }
            } catch (WakeupException closing) {
                // the handle was closed
            } catch (RuntimeException e) {
                LOG.error("following {} {} stopped", type.name(), aggregateId, e);
            } finally {
                events.close();
            }
        });
        return () -> {
            following.set(false);
            events.wakeup();
            reader.join(5_000);
        };
    }

    public void flush() {
        producer.flush();
    }

    private void listen() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    CompletableFuture<CommandOutcome> waiting = record.key() == null ? null : pending.remove(record.key());
                    if (waiting != null) {
                        try {
                            waiting.complete(outcomes.decodeOutcome(record.topic(), record.value()));
                        } catch (RuntimeException e) {
                            waiting.completeExceptionally(e);
                        }
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke us up
        } catch (RuntimeException e) {
            LOG.error("eventline client stopped reading results", e);
            pending.values().forEach(f -> f.completeExceptionally(e));
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            listener.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
