package io.eventline.projection.readmodel.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** One partition of a key-value store hosted by this instance. */
final class LocalStore<V> {

    private final KafkaStreams streams;
    private final String storeName;

    LocalStore(KafkaStreams streams, String storeName) {
        this.streams = streams;
        this.storeName = storeName;
    }

    /**
     * The partition's store: the active one, or with {@code stale} also a standby or a restoring one.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException when this instance cannot answer for it now
     */
    ReadOnlyKeyValueStore<String, V> partition(int partition, boolean stale) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> params = StoreQueryParameters
                .fromNameAndType(storeName, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(partition);
        return streams.store(stale ? params.enableStaleStores() : params);
    }
}
