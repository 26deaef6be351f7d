package io.eventline.command.gateway;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.OutcomeCodec;
import io.eventline.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * Sends a command and hands back its outcome: publishes to the aggregate's command topic, keyed by
 * aggregate id, and watches the results topic (read_committed) for the command's id. Sending the
 * same command again after a timeout is safe: the service answers a duplicate with its first outcome.
 */
public final class CommandGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandGateway.class);

    private final Topics topics;
    private final OutcomeCodec outcomes;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, CompletableFuture<CommandOutcome>> pending = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean running = true;

    public CommandGateway(Map<String, Object> clientConfig, Topics topics, OutcomeCodec outcomes) {
        this.topics = topics;
        this.outcomes = outcomes;
        Map<String, Object> producerConfig = new HashMap<>(clientConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "eventline-gateway");
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
        this.listener = Thread.ofPlatform().name("command-gateway-results").daemon().start(this::listen);
    }

    /** Publishes the command; the future completes with its outcome, or fails with a TimeoutException. */
    public <C> CompletableFuture<CommandOutcome> send(AggregateType<C, ?, ?> type, CommandEnvelope<C> command, Duration timeout) {
        String commandId = command.metadata().commandId();
        CompletableFuture<CommandOutcome> outcome = pending.computeIfAbsent(commandId, id -> new CompletableFuture<>());
        String topic = topics.commands(type.name());
        RecordHeaders headers = new RecordHeaders();
        byte[] value = type.codec().encodeCommand(topic, headers, command);
        producer.send(new ProducerRecord<>(topic, null, command.metadata().issuedAt().toEpochMilli(),
                command.metadata().aggregateId(), value, headers), (metadata, error) -> {
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
        String topic = topics.commands(type.name());
        RecordHeaders headers = new RecordHeaders();
        byte[] value = type.codec().encodeCommand(topic, headers, command);
        producer.send(new ProducerRecord<>(topic, null, command.metadata().issuedAt().toEpochMilli(),
                command.metadata().aggregateId(), value, headers));
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
            LOG.error("command gateway stopped reading results", e);
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
