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

    BenchResult with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new BenchResult(group, name, this.value, unit, more);
    }
}
