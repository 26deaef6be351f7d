package io.eventline.bench;

import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What became of a run's commands, read back from its results topic after the measurement. */
final class Outcomes {

    static final String CONFLICT = "CONCURRENCY_CONFLICT";

    private Outcomes() {}

    /**
     * Reads the first {@code expected} results and counts them: accepted, rejected per code, and the
     * concurrency conflicts apart (a command without an expected version must never meet one).
     */
    static Map<String, Object> count(BenchContext ctx, String resultsTopic, long expected) throws InterruptedException {
        AvroOutcomeCodec codec = new AvroOutcomeCodec(ctx.registry());
        Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        try (TopicCounter reader = new TopicCounter(ctx.clientConfig(), resultsTopic, false, record -> {
            CommandOutcome outcome = codec.decodeOutcome(resultsTopic, record.value());
            String key = outcome.accepted() ? "accepted" : "rejected " + outcome.rejection().orElseThrow().code();
            counts.computeIfAbsent(key, k -> new LongAdder()).increment();
        })) {
            if (!reader.await(expected, Duration.ofMinutes(2))) {
                throw new IllegalStateException("only " + reader.count() + " of " + expected + " results could be read back");
            }
        }
        Map<String, Long> outcomes = new TreeMap<>();
        counts.forEach((k, v) -> outcomes.put(k, v.sum()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("concurrencyConflicts", outcomes.getOrDefault("rejected " + CONFLICT, 0L));
        details.put("outcomes", outcomes);
        return details;
    }
}
