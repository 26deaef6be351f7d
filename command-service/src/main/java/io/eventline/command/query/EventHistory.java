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
                    // The prefix is exact (the id's length precedes its bytes): what follows it is the
                    // version, Avro's zig-zag varint, whatever fields a later key schema adds after it.
                    long version = zigZagVarint(entry.key.get(), prefix.length);
                    byVersion.putIfAbsent(version, new StoredEvent(version, entry.value));
                }
            }
        }
        // In version order: Avro writes the version as a zig-zag varint, which does not sort as bytes do.
        return new ArrayList<>(byVersion.values());
    }

    /** Avro's long encoding: a zig-zag varint at {@code offset}. */
    static long zigZagVarint(byte[] bytes, int offset) {
        long raw = 0;
        int shift = 0;
        for (int i = offset; i < bytes.length && shift < 64; i++, shift += 7) {
            raw |= (long) (bytes[i] & 0x7F) << shift;
            if ((bytes[i] & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IllegalStateException("an event key whose version is cut short");
    }

    static long latest(List<StoredEvent> events) {
        return events.isEmpty() ? 0 : events.getLast().version();
    }
}
