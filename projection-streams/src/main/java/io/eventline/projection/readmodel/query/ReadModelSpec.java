package io.eventline.projection.readmodel.query;

import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What the generic queries need to know of one read model's store.
 *
 * @param storeName the queried store, keyed by String
 * @param what      what one value is, for messages: "order", "stock level", ...
 * @param json      the value's JSON shape (without the "stale" flag the queries add)
 * @param version   the version of the one aggregate a value reflects, or null when a value reflects
 *                  many (then {@code minVersion} is refused)
 * @param parkedStoreName the store of records parked by the same key, in the same task, or null:
 *                  an answer for a key with parked records says how many, as it may be behind
 */
public record ReadModelSpec<V>(String storeName, String what, Function<V, Map<String, Object>> json,
                               ToLongFunction<V> version, String parkedStoreName) {

    public ReadModelSpec(String storeName, String what, Function<V, Map<String, Object>> json, ToLongFunction<V> version) {
        this(storeName, what, json, version, null);
    }

    public boolean versioned() {
        return version != null;
    }
}
