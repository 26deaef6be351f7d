package io.eventline.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** One measured figure with what it measured and the details needed to judge it. */
public record BenchResult(String group, String name, double value, String unit, Map<String, Object> details) {

    public BenchResult {
        details = new LinkedHashMap<>(details);
    }

    static BenchResult of(String group, String name, double value, String unit) {
        return new BenchResult(group, name, value, unit, Map.of());
    }

    /** The same figure under another name. */
    BenchResult named(String name) {
        return new BenchResult(group, name, value, unit, details);
    }

    BenchResult with(String key, Object value) {
        return withAll(Map.of(key, value));
    }

    /** The same result with every entry of {@code more} added to its details, in its order. */
    BenchResult withAll(Map<String, ?> more) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.putAll(more);
        return new BenchResult(group, name, this.value, unit, all);
    }
}
