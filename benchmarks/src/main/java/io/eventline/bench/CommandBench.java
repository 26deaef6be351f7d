package io.eventline.bench;

import io.eventline.contracts.CommandOutcome;
import io.eventline.command.app.CommandService;
import io.eventline.client.EventlineClient;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.service.config.ServiceSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** The command service: throughput on a backlog, then command → result latency at fixed rates. */
final class CommandBench {

    /** Indices of warm-up commands: far from the backlog's and the latency runs', so their ids never meet. */
    static final long WARM_UP_INDEX = 1_000_000_000L;

    private CommandBench() {}

    static List<BenchResult> run(BenchContext ctx, int commands, List<Integer> rates, Duration perRate, int httpPort) throws Exception {
        return run(ctx, new Variant("cmd", "as configured", Map.of()), commands, rates, perRate, httpPort);
    }

    /** A configuration of the command service to measure: its name, and environment on top of the defaults. */
    record Variant(String pipeline, String label, Map<String, String> environment) {}

    /**
     * A backlog of {@code commands} written before the service starts, so the figure is processing
     * alone, with where the CPU went meanwhile; then latency at each of the fixed {@code rates}.
     */
    static List<BenchResult> run(BenchContext ctx, Variant variant, int commands, List<Integer> rates, Duration perRate,
                                 int httpPort) throws Exception {
        return run(ctx, variant, CommandMix.KEYS, commands, rates, perRate, httpPort);
    }

    /**
     * As above, with the mix over {@code keys} skus and accounts; a hot mix (fewer than the usual)
     * also counts what became of its commands, conflicts above all.
     */
    static List<BenchResult> run(BenchContext ctx, Variant variant, int keys, int commands, List<Integer> rates, Duration perRate,
                                 int httpPort) throws Exception {
        ServiceSettings settings = ctx.commandSettings(variant.pipeline(), httpPort, variant.environment());
        ctx.provision(settings.topics());
        List<BenchResult> results = new ArrayList<>();
        CommandMix mix = new CommandMix(ctx.runId(), ctx.registry(), keys);
        String suffix = variant.label().equals("as configured") ? "" : " [" + variant.label() + "]";
        try (EventlineClient gateway = new EventlineClient(ctx.clientConfig(), settings.topics(), new AvroOutcomeCodec(ctx.registry()))) {
            // Warm-up commands first in every partition, then the backlog: the figure is the steady part.
            long warmUp = commands / 10;
            for (long i = 0; i < warmUp; i++) {
                mix.publish(gateway, WARM_UP_INDEX + i);
            }
            for (long i = 0; i < commands; i++) {
                mix.publish(gateway, i);
            }
            gateway.flush();
            try (TopicCounter results0 = new TopicCounter(ctx.clientConfig(), settings.topics().commandResults());
                 CommandService service = CommandService.start(settings, ctx.registry())) {
                service.streams().awaitRunning(Duration.ofMinutes(2));
                CpuAccount[] cpu = new CpuAccount[1];
                TopicCounter.Steady steady = results0.steadyRate(warmUp, warmUp + commands, Duration.ofMinutes(10),
                        () -> cpu[0] = CpuAccount.start());
                double rate = steady.perSecond();
                BenchResult throughput = BenchResult.of("commands", "command-service throughput (backlog, mixed commands)" + suffix,
                        rate, "commands/s")
                        .with("commands", commands).with("warmUpCommands", warmUp).with("measured", steady.records())
                        .with("mix", "AddStock 40%, DepositMoney 30%, PlaceOrder 30%")
                        .with("note", "deposits to unopened accounts are rejected: still a full decide, no event")
                        .with("environment", variant.environment().toString())
                        .with("partitions", settings.topics().partitions())
                        .with("streamThreads", settings.streamThreads());
                throughput = throughput.withAll(CpuAccount.perThousand(cpu[0].spentSince(), steady.records()))
                        .withAll(ThreadTime.of(service.streams().kafkaStreams()));
                if (keys < CommandMix.KEYS) {
                    throughput = throughput.with("keys", keys).withAll(Outcomes.count(ctx, settings.topics().commandResults(),
                            warmUp + commands));
                }
                results.add(throughput);
                if (suffix.isEmpty()) {
                    results.add(BenchResult.of("memory", "RSS of the benchmark process after the backlog", Rss.megabytes(), "MB")
                            .with("note", "one JVM: broker, registry, command service"));
                }
                mix.openAccounts(gateway);
                long offset = commands;
                for (int target : rates) {
                    BenchResult latency = latencyAt(gateway, mix, target, perRate, offset);
                    results.add(latency.named(latency.name() + suffix));
                    offset += (long) target * perRate.toSeconds() + 1;
                }
            }
        }
        return results;
    }

    private static BenchResult latencyAt(EventlineClient gateway, CommandMix mix, int rate, Duration duration, long firstIndex) {
        Histogram micros = new ConcurrentHistogram(3);
        AtomicLong failed = new AtomicLong();
        List<CompletableFuture<CommandOutcome>> pending = new ArrayList<>();
        long total = (long) rate * duration.toSeconds();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long n = 0; n < total; n++) {
            long due = start + n * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            // Measured from when the command was due, not when it left: a late sender counts as latency
            // (no coordinated omission).
            pending.add(mix.send(gateway, firstIndex + n).whenComplete((r, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                } else {
                    micros.recordValue(Math.max(0, (System.nanoTime() - due) / 1_000));
                }
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double achieved = total / RawPipeBench.seconds(start);
        return BenchResult.of("latency", "command -> result at " + rate + "/s", micros.getValueAtPercentile(99) / 1000.0, "ms p99")
                .with("p50Ms", micros.getValueAtPercentile(50) / 1000.0)
                .with("p95Ms", micros.getValueAtPercentile(95) / 1000.0)
                .with("p99Ms", micros.getValueAtPercentile(99) / 1000.0)
                .with("maxMs", micros.getMaxValue() / 1000.0)
                .with("commands", total).with("failed", failed.get())
                .with("achievedPerSecond", Math.round(achieved));
    }
}
