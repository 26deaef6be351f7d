package io.eventline.command.app;

import io.eventline.command.CommandMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Command counters by aggregate type, outcome and rejection code, and command latency (issued → decided).
 * The meters are looked up once per tag combination and kept: building and registering them for
 * every command was 5 % of a stream thread's time in the profile (docs/benchmarks.md).
 */
public final class MicrometerCommandMetrics implements CommandMetrics {

    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    public MicrometerCommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accepted(String aggregateType, String commandType, int events, Duration latency) {
        count(aggregateType, "accepted", "none");
        counters.computeIfAbsent(List.of("appended", aggregateType), k -> Counter.builder("eventline.events.appended")
                .tag("aggregate", aggregateType).register(registry)).increment(events);
        latency(aggregateType, "accepted").record(latency);
    }

    @Override
    public void rejected(String aggregateType, String code, Duration latency) {
        count(aggregateType, "rejected", code);
        if ("CONCURRENCY_CONFLICT".equals(code)) {
            counters.computeIfAbsent(List.of("conflicts", aggregateType), k -> Counter.builder("eventline.commands.conflicts")
                    .tag("aggregate", aggregateType).register(registry)).increment();
        }
        latency(aggregateType, "rejected").record(latency);
    }

    @Override
    public void duplicate(String aggregateType) {
        count(aggregateType, "duplicate", "none");
    }

    @Override
    public void deadLettered(String aggregateType, String reason) {
        count(aggregateType, "dead_lettered", reason);
    }

    @Override
    public void replayed(String aggregateType) {
        count(aggregateType, "replayed", "none");
    }

    @Override
    public void moved(String aggregateType) {
        count(aggregateType, "moved", "none");
    }

    private void count(String aggregateType, String outcome, String code) {
        counters.computeIfAbsent(List.of("commands", aggregateType, outcome, code), k -> Counter.builder("eventline.commands")
                .description("Commands processed, by aggregate type, outcome and rejection code")
                .tag("aggregate", aggregateType).tag("outcome", outcome).tag("code", code)
                .register(registry)).increment();
    }

    private Timer latency(String aggregateType, String outcome) {
        return timers.computeIfAbsent(List.of(aggregateType, outcome), k -> Timer.builder("eventline.command.latency")
                .description("From the command's issuedAt to its decision")
                .tag("aggregate", aggregateType).tag("outcome", outcome)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry));
    }
}
