package io.eventline.projection.readmodel;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.projection.module.ProjectionContext;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.topics.Topics;
import io.eventline.projection.readmodel.parking.ParkingDecisions;
import io.eventline.schemas.avro.readmodel.ParkingDecision;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.service.app.FailingRecords;
import io.eventline.service.config.ServiceSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** One read model's topology under a TopologyTestDriver, fed with events as the command service writes them. */
final class ReadModelDriver implements AutoCloseable {

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final ProjectionProgress progress = new ProjectionProgress();
    final ProjectionContext context;
    final Topics topics;
    private final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();

    ReadModelDriver(ReadModelModule module, Path stateDir) {
        this(module, stateDir, FailingRecords.standard());
    }

    /** @param failures the ledger the processors consult, as the service's handlers would fill it */
    ReadModelDriver(ReadModelModule module, Path stateDir, FailingRecords failures) {
        ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of(), "test", 0).withInstance(0, stateDir);
        this.context = ProjectionContext.of(settings, registry, new SimpleMeterRegistry(), Clock.systemUTC());
        this.topics = context.topics();
        Properties props = settings.streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-" + module.name());
        props.put(FailingRecords.CONFIG, failures);
        this.driver = new TopologyTestDriver(module.topology(context, progress), props);
    }

    /** Appends an event as the command service would: EventKey key, envelope value, headers. */
    <E> void event(AggregateType<?, ?, E> type, String id, long version, Instant at, E event) {
        String topic = topics.events(type.name());
        RecordHeaders headers = new RecordHeaders();
        EventMetadata meta = new EventMetadata("cmd-" + id + "-" + version + "-0", type.name(), id, version, at,
                "cmd-" + id + "-" + version, "corr-" + id, Optional.empty(), "test");
        byte[] value = type.codec().encodeEvent(topic, headers, new EventEnvelope<>(meta, event));
        byte[] key = context.outcomes().encodeEventKey(topic, id, version);
        input(topic).pipeInput(new TestRecord<>(key, value, headers, at));
    }

    /** An operator's decision, as {@code ParkingDecisions} writes it, then a second of wall-clock time for tasks to see it. */
    void decision(ParkingDecision decision) {
        String topic = topics.parkingDecisions();
        TestInputTopic<String, byte[]> decisions = driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
        decisions.pipeInput(ParkingDecisions.key(decision.getProjection(), decision.getKey()),
                AvroSerde.forValues(ParkingDecision.class, registry).serializer().serialize(topic, decision));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    /** Raw bytes with a real event key: an event of {@code id} whose value does not decode. */
    void undecodableEvent(String aggregateType, String id, long version, Instant at) {
        String topic = topics.events(aggregateType);
        byte[] key = context.outcomes().encodeEventKey(topic, id, version);
        input(topic).pipeInput(new TestRecord<>(key, "not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new RecordHeaders(), at));
    }

    /** Raw bytes on an event topic, as a broken producer might write them. */
    void raw(String aggregateType, byte[] key, byte[] value) {
        input(topics.events(aggregateType)).pipeInput(key, value);
    }

    <V> V get(String store, String key) {
        KeyValueStore<String, V> kv = driver.getKeyValueStore(store);
        return kv.get(key);
    }

    /** A store's whole content, in key order. */
    <V> Map<String, V> all(String store) {
        KeyValueStore<String, V> kv = driver.getKeyValueStore(store);
        Map<String, V> all = new TreeMap<>();
        try (KeyValueIterator<String, V> it = kv.all()) {
            while (it.hasNext()) {
                KeyValue<String, V> entry = it.next();
                all.put(entry.key, entry.value);
            }
        }
        return all;
    }

    private TestInputTopic<byte[], byte[]> input(String topic) {
        return inputs.computeIfAbsent(topic, t -> driver.createInputTopic(t, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    @Override
    public void close() {
        driver.close();
    }
}
