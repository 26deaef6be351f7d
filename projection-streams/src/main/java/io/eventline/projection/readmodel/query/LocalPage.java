package io.eventline.projection.readmodel.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** This instance's part of a list: the first keys after a cursor in each partition it hosts as active. */
final class LocalPage<V> {

    private final LocalStore<V> store;
    private final ReadModelSpec<V> spec;
    private final int partitions;

    LocalPage(LocalStore<V> store, ReadModelSpec<V> spec, int partitions) {
        this.store = store;
        this.spec = spec;
        this.partitions = partitions;
    }

    /** Entries in key order: the JSON of values, by key (JSON maps or parsed nodes). */
    record Part(Map<String, Object> entries, Set<Integer> partitions) {

        Map<String, Object> json() {
            List<Map<String, Object>> list = new ArrayList<>();
            entries.forEach((key, value) -> list.add(Map.of("key", key, "value", value)));
            return Map.of("entries", list, "partitions", partitions);
        }

        static Part fromJson(JsonNode json) {
            Map<String, Object> entries = new LinkedHashMap<>();
            json.path("entries").forEach(e -> entries.put(e.path("key").asText(), e.path("value")));
            Set<Integer> partitions = new TreeSet<>();
            json.path("partitions").forEach(p -> partitions.add(p.asInt()));
            return new Part(entries, partitions);
        }
    }

    /** The first {@code limit} values after the cursor that {@code keep} accepts, per partition (the others are passed over). */
    Part read(Optional<String> after, int limit, java.util.function.Predicate<V> keep) {
        Map<String, Object> entries = new TreeMap<>(Cursor.KEY_ORDER);
        Set<Integer> answered = new TreeSet<>();
        for (int p = 0; p < partitions; p++) {
            try {
                readPartition(store.partition(p, false), after, limit, keep, entries);
                answered.add(p);
            } catch (InvalidStateStoreException notActiveHere) {
                // Another instance owns it, or it is restoring here: the gathering side notices the gap.
            }
        }
        Map<String, Object> first = new LinkedHashMap<>();
        entries.entrySet().stream().limit(limit).forEach(e -> first.put(e.getKey(), e.getValue()));
        return new Part(first, answered);
    }

    private void readPartition(ReadOnlyKeyValueStore<String, V> partition, Optional<String> after, int limit,
                               java.util.function.Predicate<V> keep, Map<String, Object> into) {
        int taken = 0;
        try (KeyValueIterator<String, V> it = after.isPresent() ? partition.range(after.get(), null) : partition.all()) {
            while (it.hasNext() && taken < limit) {
                var entry = it.next();
                if ((after.isPresent() && entry.key.equals(after.get())) || !keep.test(entry.value)) {
                    continue;
                }
                into.put(entry.key, spec.json().apply(entry.value));
                taken++;
            }
        }
    }
}
