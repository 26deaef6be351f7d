package io.eventline.command.query;

import io.eventline.contracts.OutcomeCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One aggregate's events as the history store (whose changelog is the event topic) holds them: the
 * version from each key, the value as bytes, decoded only where an answer needs it
 * ({@link FoldCache} folds from its nearest checkpoint; a page of the audit trail decodes that page).
 */
final class EventHistory {

    /** One stored event: its version and its encoded envelope. */
    record StoredEvent(long version, byte[] value) {}

    private EventHistory() {}

    /**
     * Every event of the aggregate, in version order: one prefix scan per key schema the event
     * topic has had, as keys written under an earlier EventKey schema carry its id.
     */
    static List<StoredEvent> read(ReadOnlyKeyValueStore<Bytes, byte[]> store, OutcomeCodec keys, String eventTopic,
                                  String aggregateId) {
        Map<Long, StoredEvent> byVersion = new TreeMap<>();
        for (byte[] prefix : keys.eventKeyPrefixes(eventTopic, aggregateId)) {
            try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(Bytes.wrap(prefix), new BytesSerializer())) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> entry = it.next();
                    OutcomeCodec.EventKeyOf key = keys.eventKeyOf(eventTopic, entry.key.get());
                    // The prefix is exact (the id's length precedes its bytes), but check anyway: cheap and certain.
                    if (key.aggregateId().equals(aggregateId)) {
                        byVersion.putIfAbsent(key.version(), new StoredEvent(key.version(), entry.value));
                    }
                }
            }
        }
        // In version order: Avro writes the version as a zig-zag varint, which does not sort as bytes do.
        return new ArrayList<>(byVersion.values());
    }

    static long latest(List<StoredEvent> events) {
        return events.isEmpty() ? 0 : events.getLast().version();
    }
}
