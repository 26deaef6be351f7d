package io.eventline.projection.saga;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The pending deadlines of the sagas in one task, keyed by due time (8 bytes, big-endian) and then
 * orderId. Stores order keys by their bytes, so the deadlines due by now are one range from the
 * start, however many are pending later. The store is logged: deadlines survive a restart and move
 * with their task to another instance.
 */
final class Deadlines {

    /** A deadline: the order it belongs to and when it falls due. */
    record Due(String orderId, Instant at) {}

    private final KeyValueStore<Bytes, String> store;

    Deadlines(KeyValueStore<Bytes, String> store) {
        this.store = store;
    }

    void schedule(Due due) {
        store.put(key(due.at().toEpochMilli(), due.orderId()), due.orderId());
    }

    void cancel(Due due) {
        store.delete(key(due.at().toEpochMilli(), due.orderId()));
    }

    /** The deadlines due at or before {@code now}, earliest first, at most {@code limit} of them. */
    List<Due> dueBy(Instant now, int limit) {
        List<Due> due = new ArrayList<>();
        long last = Math.max(0, now.toEpochMilli());
        // The upper bound has no orderId: it sorts after every key of `last` and before any later one.
        try (KeyValueIterator<Bytes, String> range = store.range(key(0, ""), key(last + 1, ""))) {
            while (due.size() < limit && range.hasNext()) {
                KeyValue<Bytes, String> entry = range.next();
                due.add(new Due(entry.value, Instant.ofEpochMilli(ByteBuffer.wrap(entry.key.get()).getLong())));
            }
        }
        return due;
    }

    static Bytes key(long dueMillis, String orderId) {
        byte[] id = orderId.getBytes(StandardCharsets.UTF_8);
        // Instants before 1970 would sort after later ones as signed longs; no deadline is that old.
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(Math.max(0, dueMillis)).put(id).array());
    }
}
