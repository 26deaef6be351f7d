package io.eventline.command.app;

import io.eventline.command.CommandMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Command counters by aggregate type, outcome and rejection code, and command latency (issued → decided). */
public final class MicrometerCommandMetrics implements CommandMetrics {

    private final MeterRegistry registry;

    public MicrometerCommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accepted(String aggregateType, String commandType, int events, Duration latency) {
        count(aggregateType, "accepted", "none");
        Counter.builder("eventline.events.appended").tag("aggregate", aggregateType).register(registry).increment(events);
        latency(aggregateType, "accepted").record(latency);
    }

    @Override
    public void rejected(String aggregateType, String code, Duration latency) {
        count(aggregateType, "rejected", code);
        if ("CONCURRENCY_CONFLICT".equals(code)) {
            Counter.builder("eventline.commands.conflicts").tag("aggregate", aggregateType).register(registry).increment();
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
        Counter.builder("eventline.commands")
                .description("Commands processed, by aggregate type, outcome and rejection code")
                .tag("aggregate", aggregateType).tag("outcome", outcome).tag("code", code)
                .register(registry).increment();
    }

    private Timer latency(String aggregateType, String outcome) {
        return Timer.builder("eventline.command.latency")
                .description("From the command's issuedAt to its decision")
                .tag("aggregate", aggregateType).tag("outcome", outcome)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }
}
