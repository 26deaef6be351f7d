package io.eventline.projection.readmodel;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A read model of one aggregate type, keyed by aggregate id: events → decode → fold the newer ones
 * into the store. The store lives in the task of the event partition, so no repartition is needed,
 * and a key's partition is its aggregate's partition.
 */
public final class AggregateViewTopology {

    private AggregateViewTopology() {}

    public static <E, V> void addTo(StreamsBuilder builder, Topics topics, SchemaRegistry registry, AggregateType<?, ?, E> type,
                                    String module, String storeName, Serde<V> valueSerde,
                                    VersionedFold<E, V> fold, ProjectionProgress progress) {
        // Cached: an aggregate's events come in bursts (a replay, a busy order), and between two
        // commits only its last view needs to reach RocksDB and the changelog (docs/benchmarks.md).
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(storeName), Serdes.String(), valueSerde).withCachingEnabled());
        EventSource.events(builder, topics, registry, type, module, progress)
                .processValues(() -> new ApplyNewer<>(storeName, fold, progress), Named.as(module + "-apply"), storeName);
    }

    /** Applies an event only when it is newer than the version the stored value reflects: replays change nothing. */
    static final class ApplyNewer<E, V> implements FixedKeyProcessor<byte[], EventEnvelope<E>, Void> {
        private final String storeName;
        private final VersionedFold<E, V> fold;
        private final ProjectionProgress progress;
        private KeyValueStore<String, V> store;

        ApplyNewer(String storeName, VersionedFold<E, V> fold, ProjectionProgress progress) {
            this.storeName = storeName;
            this.fold = fold;
            this.progress = progress;
        }

        @Override
        public void init(FixedKeyProcessorContext<byte[], Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(FixedKeyRecord<byte[], EventEnvelope<E>> record) {
            EventEnvelope<E> event = record.value();
            String id = event.metadata().aggregateId();
            V current = store.get(id);
            if (current != null && fold.version(current) >= event.metadata().version()) {
                return;
            }
            store.put(id, fold.apply(current == null ? fold.initial(id) : current, event));
            progress.applied(event.metadata().occurredAt());
        }
    }
}
