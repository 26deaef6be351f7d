package io.eventline.projection.saga;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The saga topology in a TopologyTestDriver: writes events and results as the command service does
 * (same codecs, keys and timestamps), and reads back the commands the saga sent, decoded.
 */
final class SagaDriver implements AutoCloseable {

    static final String APP_ID = "saga-test";

    /** A command the saga sent, as the command service will read it, and the key it was sent under. */
    record Sent(String topic, String key, CommandEnvelope<?> envelope) {
        CommandMetadata meta() {
            return envelope.metadata();
        }

        Object command() {
            return envelope.command();
        }
    }

    final Topics topics = Topics.defaults();
    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final AvroOutcomeCodec outcomes = new AvroOutcomeCodec(registry);
    final List<AggregateType<?, ?, ?>> types = Aggregates.all(registry);
    final TopologyTestDriver driver;
    private final Map<String, Long> versions = new HashMap<>();
    private final List<Map.Entry<String, TestRecord<byte[], byte[]>>> piped = new ArrayList<>();
    private int eventCount;

    SagaDriver(SagaSettings settings, Instant wallClock, Path stateDir) {
        this(settings, wallClock, stateDir, InputWatermark.wallClock());
    }

    /** With deadlines that fire only as far as {@code watermark} says the input is processed. */
    SagaDriver(SagaSettings settings, Instant wallClock, Path stateDir, InputWatermark watermark) {
        StreamsBuilder builder = new StreamsBuilder();
        OrderFulfilmentTopology.addTo(builder, topics, registry, settings, watermark, SagaMetrics.none());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(builder.build(), props, wallClock);
    }

    /** Appends an event of {@code type} to its topic and returns its id. */
    @SuppressWarnings("unchecked")
    <E> String event(String type, String aggregateId, E event, Instant at, String correlationId) {
        AggregateType<?, ?, E> aggregate = (AggregateType<?, ?, E>) type(type);
        String topic = topics.events(type);
        long version = versions.merge(aggregateId, 1L, Long::sum);
        String eventId = "event-" + (++eventCount);
        EventMetadata meta = new EventMetadata(eventId, type, aggregateId, version, at, "command-of-" + eventId,
                correlationId, Optional.empty(), "test");
        RecordHeaders headers = new RecordHeaders();
        byte[] value = aggregate.codec().encodeEvent(topic, headers, new EventEnvelope<>(meta, event));
        TestRecord<byte[], byte[]> record = new TestRecord<>(outcomes.encodeEventKey(topic, aggregateId, version), value, headers, at);
        piped.add(Map.entry(topic, record));
        pipe(topic, record);
        return eventId;
    }

    /** Appends a record with {@code aggregateId}'s next event key whose value is not Avro at all. */
    void undecodableEvent(String type, String aggregateId, Instant at) {
        String topic = topics.events(type);
        long version = versions.merge(aggregateId, 1L, Long::sum);
        pipe(topic, new TestRecord<>(outcomes.encodeEventKey(topic, aggregateId, version),
                "not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8), new RecordHeaders(), at));
    }

    /** An operator's decision about parked records, then a second of wall-clock time for the task to apply it. */
    void decision(io.eventline.schemas.avro.readmodel.ParkingDecision decision) {
        String topic = topics.parkingDecisions();
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()).pipeInput(
                io.eventline.projection.readmodel.parking.ParkingDecisions.key(decision.getProjection(), decision.getKey()),
                io.eventline.schemas.serde.AvroSerde.forValues(io.eventline.schemas.avro.readmodel.ParkingDecision.class, registry)
                        .serializer().serialize(topic, decision));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    /** How many records are parked under {@code key}. */
    int parked(String key) {
        KeyValueStore<String, io.eventline.schemas.avro.readmodel.ParkedRecords> store =
                driver.getKeyValueStore(OrderFulfilmentTopology.PARKED_STORE);
        var parked = store.get(key);
        return parked == null ? 0 : parked.getRecords().size();
    }

    /** Delivers every event so far once more, as a consumer that restarts from an old offset would. */
    void redeliverEverything() {
        List.copyOf(piped).forEach(e -> pipe(e.getKey(), e.getValue()));
    }

    private void pipe(String topic, TestRecord<byte[], byte[]> record) {
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()).pipeInput(record);
    }

    /** Writes a refusal of {@code commandId} to the results topic, as the command service would. */
    void rejected(String commandId, String aggregateType, String aggregateId, String code, Instant at) {
        CommandOutcome outcome = new CommandOutcome(commandId, CommandOutcome.Status.REJECTED, aggregateType, aggregateId,
                0, List.of(), Optional.of(new CommandOutcome.RejectionReason(code, "refused in a test")), at);
        result(outcome);
    }

    void result(CommandOutcome outcome) {
        driver.createInputTopic(topics.commandResults(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(outcome.commandId(), outcomes.encodeOutcome(topics.commandResults(), outcome), outcome.processedAt());
    }

    /** Every command sent since the last call, across the four command topics, in the order sent per topic. */
    List<Sent> sent() {
        List<Sent> sent = new ArrayList<>();
        for (AggregateType<?, ?, ?> type : types) {
            String topic = topics.commands(type.name());
            for (TestRecord<String, byte[]> r : driver.createOutputTopic(topic, new StringDeserializer(),
                    new ByteArrayDeserializer()).readRecordsToList()) {
                sent.add(new Sent(topic, r.key(), type.codec().decodeCommand(topic, r.headers(), r.value())));
            }
        }
        return sent;
    }

    /** The orderIds of the inputs the saga sent through its repartition since the last call, in order. */
    List<String> repartitioned() {
        return driver.createOutputTopic(CommittedInputWatermark.repartitionTopic(APP_ID), new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList().stream().map(TestRecord::key).toList();
    }

    List<Object> sentCommands() {
        return sent().stream().map(Sent::command).toList();
    }

    StoredSaga saga(String orderId) {
        KeyValueStore<String, StoredSaga> store = driver.getKeyValueStore(OrderFulfilmentTopology.SAGA_STORE);
        return store.get(orderId);
    }

    long pendingDeadlines() {
        KeyValueStore<Object, Object> store = driver.getKeyValueStore(OrderFulfilmentTopology.DEADLINE_STORE);
        try (var all = store.all()) {
            long n = 0;
            while (all.hasNext()) {
                all.next();
                n++;
            }
            return n;
        }
    }

    void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    private AggregateType<?, ?, ?> type(String name) {
        return types.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        driver.close();
    }
}
