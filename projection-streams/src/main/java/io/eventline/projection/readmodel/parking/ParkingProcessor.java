package io.eventline.projection.readmodel.parking;

import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.schemas.avro.readmodel.ParkedHeader;
import io.eventline.schemas.avro.readmodel.ParkedRecord;
import io.eventline.schemas.avro.readmodel.ParkedRecords;
import io.eventline.schemas.avro.readmodel.ParkingAction;
import io.eventline.schemas.avro.readmodel.ParkingDecision;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.schemas.serde.UndecodableRecordException;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.app.FailingRecords;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a read model: it reads input records as they are on the topic and hands them
 * to {@link #handle}, which decodes and applies them (directly, or through the processors it
 * forwards to, which run inside the call). A record that cannot be handled is parked under its key
 * instead of being skipped or stopping the partition:
 * <ul>
 *   <li>one that does not decode is parked at once: trying again cannot help;</li>
 *   <li>one whose handling throws is tried again (the task fails, its transaction aborts, the
 *       thread is replaced) until {@link FailingRecords} says it failed too often, then parked;</li>
 *   <li>every later record of a key with parked records is parked behind them, so that a key's
 *       view never moves past an event it has not applied.</li>
 * </ul>
 * Other keys go on. Parked records stay in the store {@code parkedStore} (changelogged, so they
 * survive a crash and move with the task) until an operator's {@link ParkingDecision} for the key
 * arrives through the global store {@link ParkingDecisions#STORE}: RETRY handles them again in
 * order and keeps what still fails; SKIP drops one, then retries the rest. A decision is looked for
 * every second and applied once, in the task's own transaction.
 *
 * <p>{@link #handle} must fail before it changes anything (decode first, store last), because a
 * retry that fails is caught and the records stay parked, in the same transaction.
 */
public abstract class ParkingProcessor<KOut, VOut> implements Processor<byte[], byte[], KOut, VOut> {

    private static final Logger LOG = LoggerFactory.getLogger(ParkingProcessor.class);
    static final Duration DECISION_SCAN = Duration.ofSeconds(1);

    private final String projection;
    private final String parkedStore;
    protected ProcessorContext<KOut, VOut> context;
    private KeyValueStore<String, ParkedRecords> parked;
    private KeyValueStore<String, ParkingDecision> decisions;
    private FailingRecords failures;
    // Keys with parked records in this task: while none (nearly always), no store lookup per record.
    private long parkedKeys;

    /** The store in which {@code projection} keeps the records it parked, by key. */
    public static String parkedStore(String projection) {
        return projection + "-parked";
    }

    /**
     * Adds what a parking processor of {@code projection} reads to a topology: its parked store and
     * the global store of operators' decisions. Returns the parked store's name, for the processor.
     */
    public static String addStoresTo(StreamsBuilder builder, Topics topics, SchemaRegistry registry, String projection) {
        String store = parkedStore(projection);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                AvroSerde.forValues(ParkedRecords.class, registry)));
        ParkingDecisions.addStoreTo(builder, topics, registry);
        return store;
    }

    protected ParkingProcessor(String projection, String parkedStore) {
        this.projection = projection;
        this.parkedStore = parkedStore;
    }

    /** Decodes and applies one record; throws {@link UndecodableRecordException} when it does not decode. */
    protected abstract void handle(String topic, Record<byte[], byte[]> record);

    /** The key records are parked by: what must not move past a record it has not applied. */
    protected abstract String parkingKey(String topic, int partition, byte[] key);

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        this.context = context;
        this.parked = context.getStateStore(parkedStore);
        this.decisions = context.getStateStore(ParkingDecisions.STORE);
        // A test driver runs without the service's ledger: a fresh one then, as the handlers get none either.
        this.failures = context.appConfigs().get(FailingRecords.CONFIG) instanceof FailingRecords ledger
                ? ledger : FailingRecords.standard();
        // Processors are initialised once the task's stores are restored: this count is the task's.
        parkedKeys = 0;
        try (KeyValueIterator<String, ParkedRecords> it = parked.all()) {
            while (it.hasNext()) {
                it.next();
                parkedKeys++;
            }
        }
        context.schedule(DECISION_SCAN, PunctuationType.WALL_CLOCK_TIME, now -> applyDecisions());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        FailingRecords.Coordinates at = new FailingRecords.Coordinates(source.topic(), source.partition(), source.offset());
        // The key (an Avro decode for an event) only when something is parked or is to be.
        String key = parkedKeys == 0 ? null : parkingKey(source.topic(), source.partition(), record.key());
        ParkedRecords waiting = key == null ? null : parked.get(key);
        if (waiting != null) {
            park(waiting, key, at, record, "waits behind the parked record " + coordinates(waiting.getRecords().getFirst()));
            return;
        }
        Optional<FailingRecords.Failure> exhausted = failures.exhausted(at);
        String reason;
        if (exhausted.isPresent()) {
            reason = exhausted.get().describe();
        } else {
            try {
                handle(source.topic(), record);
                return;
            } catch (UndecodableRecordException e) {
                reason = "undecodable: " + e.getMessage();
            }
        }
        park(null, key != null ? key : parkingKey(source.topic(), source.partition(), record.key()), at, record, reason);
    }

    private void park(ParkedRecords waiting, String key, FailingRecords.Coordinates at, Record<byte[], byte[]> record,
                      String reason) {
        if (waiting == null) {
            // The first parked record of a key: loud, as the key's view stops here until someone decides.
            LOG.error("{} parks {} for key '{}': {}", projection, at, key, reason);
        }
        List<ParkedRecord> records = waiting == null ? new ArrayList<>() : new ArrayList<>(waiting.getRecords());
        records.add(ParkedRecord.newBuilder()
                .setTopic(at.topic()).setPartition(at.partition()).setOffset(at.offset())
                .setTimestamp(Instant.ofEpochMilli(record.timestamp()))
                .setRecordKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setRecordValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setHeaders(headers(record.headers()))
                .setReason(reason)
                .setParkedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build());
        parked.put(key, new ParkedRecords(key, records, waiting == null ? null : waiting.getLastDecision()));
        if (waiting == null) {
            parkedKeys++;
        }
    }

    /** Applies each operator decision not applied yet to the records it concerns. */
    private void applyDecisions() {
        if (parkedKeys == 0) {
            return;
        }
        List<KeyValue<String, ParkedRecords>> all = new ArrayList<>();
        try (KeyValueIterator<String, ParkedRecords> it = parked.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, ParkedRecords> entry : all) {
            ParkingDecision decision = decisions.get(ParkingDecisions.key(projection, entry.key));
            if (decision != null && concerns(decision, entry.value)) {
                apply(decision, entry.key, entry.value);
            }
        }
    }

    /**
     * A decision concerns these records when it is new to them and was made after the first of them
     * was written: an older one was about an earlier parking of the same key (only the newest
     * decision per key is kept), while on a replay the same decision finds the same records again.
     */
    static boolean concerns(ParkingDecision decision, ParkedRecords records) {
        return !decision.getId().equals(records.getLastDecision())
                && !decision.getRequestedAt().isBefore(records.getRecords().getFirst().getTimestamp());
    }

    private void apply(ParkingDecision decision, String key, ParkedRecords entry) {
        List<ParkedRecord> records = new ArrayList<>(entry.getRecords());
        if (decision.getAction() == ParkingAction.SKIP) {
            int index = decision.getSkip() == null ? 0 : indexOf(records, decision.getSkip());
            if (index < 0) {
                LOG.warn("{}: {} asked to skip {} for key '{}', which is not parked; retrying the parked records",
                        projection, decision.getRequestedBy(), decision.getSkip(), key);
            } else {
                ParkedRecord skipped = records.remove(index);
                LOG.warn("{} skips the parked record {} for key '{}' as {} decided ({}); its view goes on without it",
                        projection, coordinates(skipped), key, decision.getRequestedBy(), decision.getId());
            }
        }
        int applied = 0;
        while (applied < records.size()) {
            ParkedRecord next = records.get(applied);
            try {
                handle(next.getTopic(), toRecord(next));
                applied++;
            } catch (RuntimeException e) {
                records.set(applied, ParkedRecord.newBuilder(next)
                        .setReason("retried on " + decision.getRequestedBy() + "'s decision " + decision.getId() + ": "
                                + e.getClass().getName() + ": " + e.getMessage())
                        .setParkedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                        .build());
                break;
            }
        }
        List<ParkedRecord> still = records.subList(applied, records.size());
        LOG.info("{}: {} of key '{}' by {} ({}) applied {} parked record(s); {} still parked", projection,
                decision.getAction(), key, decision.getRequestedBy(), decision.getId(), applied, still.size());
        if (still.isEmpty()) {
            parked.delete(key);
            parkedKeys--;
        } else {
            parked.put(key, new ParkedRecords(key, new ArrayList<>(still), decision.getId()));
        }
    }

    private static int indexOf(List<ParkedRecord> records, String coordinates) {
        for (int i = 0; i < records.size(); i++) {
            if (coordinates(records.get(i)).equals(coordinates)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The parking key of an event record: its aggregate id from the EventKey, or, when the key does
     * not decode (the command service wrote every key, so it names no aggregate),
     * {@code unreadable-key:<topic>:<partition>}.
     */
    protected static String aggregateIdOf(AvroOutcomeCodec keys, String topic, int partition, byte[] key) {
        try {
            return keys.decodeEventKey(topic, key).getAggregateId();
        } catch (RuntimeException e) {
            return "unreadable-key:" + topic + ":" + partition;
        }
    }

    /** Where a parked record was read: {@code topic/partition@offset}, as decisions and logs name it. */
    public static String coordinates(ParkedRecord record) {
        return new FailingRecords.Coordinates(record.getTopic(), record.getPartition(), record.getOffset()).toString();
    }

    private static List<ParkedHeader> headers(Headers headers) {
        List<ParkedHeader> copy = new ArrayList<>();
        for (Header header : headers) {
            copy.add(new ParkedHeader(header.key(), header.value() == null ? null : ByteBuffer.wrap(header.value())));
        }
        return copy;
    }

    private static Record<byte[], byte[]> toRecord(ParkedRecord parked) {
        RecordHeaders headers = new RecordHeaders();
        for (ParkedHeader header : parked.getHeaders()) {
            headers.add(header.getName(), bytes(header.getValue()));
        }
        return new Record<>(bytes(parked.getRecordKey()), bytes(parked.getRecordValue()),
                parked.getTimestamp().toEpochMilli(), headers);
    }

    /** The bytes of a stored buffer, leaving the buffer as it was. */
    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
