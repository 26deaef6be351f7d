package io.eventline.projection.readmodel.parking;

import io.eventline.schemas.avro.readmodel.ParkingAction;
import io.eventline.schemas.avro.readmodel.ParkingDecision;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Operators' decisions about parked records: written to the compacted topic
 * {@link Topics#parkingDecisions()}, keyed {@code <projection>/<key>}, and read by every read-model
 * application into the global store {@link #STORE}, where the task that parks the key finds them.
 * A decision is a durable, replayable record of who decided what and when, and reaches the owning
 * task wherever it runs, without the writer knowing which instance that is.
 */
public final class ParkingDecisions implements AutoCloseable {

    public static final String STORE = "parking-decisions";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> clientConfig;
    private final Topics topics;
    private final AvroSerde<ParkingDecision> serde;
    private final Clock clock;
    private Producer<String, byte[]> producer;

    public ParkingDecisions(Map<String, Object> clientConfig, Topics topics, SchemaRegistry registry, Clock clock) {
        this.clientConfig = clientConfig;
        this.topics = topics;
        this.serde = AvroSerde.forValues(ParkingDecision.class, registry);
        this.clock = clock;
    }

    public static String key(String projection, String key) {
        return projection + "/" + key;
    }

    /** Adds the global store of decisions to a read model's topology (once per topology). */
    public static void addStoreTo(StreamsBuilder builder, Topics topics, SchemaRegistry registry) {
        AvroSerde<ParkingDecision> serde = AvroSerde.forValues(ParkingDecision.class, registry);
        builder.addGlobalStore(
                // Restored from its topic, which is its changelog already.
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), serde).withLoggingDisabled(),
                topics.parkingDecisions(),
                Consumed.with(Serdes.String(), serde).withName(STORE + "-source"),
                Keep::new);
    }

    /** Keeps the newest decision per key. */
    private static final class Keep implements Processor<String, ParkingDecision, Void, Void> {
        private KeyValueStore<String, ParkingDecision> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, ParkingDecision> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }

    /**
     * Records a decision and returns it once the broker has it; the task that parks the key applies
     * it within about a second of reading it.
     *
     * @param skip for SKIP, the record to drop ({@code topic/partition@offset}), or null for the first
     */
    public synchronized ParkingDecision decide(String projection, String key, ParkingAction action, String skip,
                                               String requestedBy) {
        ParkingDecision decision = ParkingDecision.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setProjection(projection)
                .setKey(key)
                .setAction(action)
                .setSkip(action == ParkingAction.SKIP ? skip : null)
                .setRequestedBy(requestedBy)
                .setRequestedAt(clock.instant())
                .build();
        String topic = topics.parkingDecisions();
        try {
            producer().send(new ProducerRecord<>(topic, key(projection, key), serde.serializer().serialize(topic, decision)))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the decision", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not record the decision on " + topic + ": " + e.getMessage(), e);
        }
        return decision;
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.putAll(clientConfig);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "eventline-parking-decisions-" + UUID.randomUUID());
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
