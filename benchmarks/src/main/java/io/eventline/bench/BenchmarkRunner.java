package io.eventline.bench;

import io.eventline.command.app.CommandService;
import io.eventline.service.config.ServiceSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark run, every figure in the same process and on the same broker, so that ratios
 * between them mean something on a noisy machine: the raw limits first, then the pipeline.
 */
public final class BenchmarkRunner {

    /** What to run and how big. */
    public record Plan(int rawRecords, int recordBytes, int eosRecords, int commands, List<Integer> rates,
                       Duration perRate, int sagaOrders, int sagaPasses, Duration queryDuration, int queryClients,
                       int tuningRounds, int postgresCommands, int postgresHotCommands) {

        public static Plan standard() {
            return new Plan(500_000, 200, 300_000, 100_000, List.of(1_000, 5_000), Duration.ofSeconds(20), 3_000, 4,
                    Duration.ofSeconds(15), 8, 3, 20_000, 5_000);
        }

        public Plan withSagaPasses(int passes) {
            return new Plan(rawRecords, recordBytes, eosRecords, commands, rates, perRate, sagaOrders, passes, queryDuration,
                    queryClients, tuningRounds, postgresCommands, postgresHotCommands);
        }

        public static Plan quick() {
            return new Plan(50_000, 200, 10_000, 5_000, List.of(500), Duration.ofSeconds(5), 200, 1, Duration.ofSeconds(3), 4, 1,
                    1_000, 300);
        }
    }

    private BenchmarkRunner() {}

    public static List<BenchResult> run(BenchContext ctx, Plan plan, PrintStream log) throws Exception {
        return run(ctx, plan, log, java.util.Set.of("limits", "commands", "postgres", "saga", "memory", "tuning"));
    }

    /**
     * Runs only the named parts: limits (raw and bare EOS), commands (with rebuild), postgres (the
     * PostgreSQL peer, see {@link PostgresPart}), saga (with queries), memory (each service in its
     * own JVM under the saga's load), tuning (settings side by side, see {@link TuningBench}).
     */
    public static List<BenchResult> run(BenchContext ctx, Plan plan, PrintStream log, java.util.Set<String> parts) throws Exception {
        List<BenchResult> results = new ArrayList<>();
        if (parts.contains("limits")) {
            limits(ctx, plan, log, results);
        }
        if (parts.contains("commands")) {
            commands(ctx, plan, log, results);
        }
        if (parts.contains("postgres")) {
            PostgresPart.run(ctx, plan, log, results);
        }
        if (parts.contains("saga")) {
            saga(ctx, plan, log, results);
        }
        if (parts.contains("memory")) {
            log.println("memory: each service in a JVM of its own under the saga's load ...");
            results.addAll(MemoryBench.run(ctx, plan.sagaOrders()));
        }
        if (parts.contains("tuning")) {
            tuning(ctx, plan, log, results);
        }
        return results;
    }

    private static void limits(BenchContext ctx, Plan plan, PrintStream log, List<BenchResult> results) throws Exception {
        log.println("1/5 raw producer and consumer ...");
        results.addAll(RawPipeBench.run(ctx, plan.rawRecords(), plan.recordBytes()));
        log.println("2/5 bare exactly-once Streams app ...");
        results.add(BareEosBench.run(ctx, plan.eosRecords(), plan.recordBytes(), Map.of()));
    }

    private static void commands(BenchContext ctx, Plan plan, PrintStream log, List<BenchResult> results) throws Exception {
        log.println("3/5 command service: backlog throughput, then latency at fixed rates ...");
        results.addAll(CommandBench.run(ctx, plan.commands(), plan.rates(), plan.perRate(), 18181));
        var bare = results.stream().filter(r -> r.name().startsWith("bare")).findFirst();
        BenchResult commands = results.stream().filter(r -> r.name().startsWith("command-service throughput")).findFirst().orElseThrow();
        bare.ifPresent(b -> results.add(BenchResult.of("commands", "command-service / bare exactly-once app",
                commands.value() / b.value() * 100, "%")));
        log.println("    read-model rebuild over the command benchmark's events ...");
        results.addAll(RebuildBench.run(ctx, 18185, plan.tuningRounds()));
    }

    private static void tuning(BenchContext ctx, Plan plan, PrintStream log, List<BenchResult> results) throws Exception {
        log.println("tuning: the bare app and the command service under each setting, side by side, "
                + plan.tuningRounds() + " rounds ...");
        results.addAll(TuningBench.run(ctx, plan.commands(), plan.eosRecords(), plan.recordBytes(), plan.tuningRounds(),
                plan.perRate().dividedBy(2), log));
    }

    private static void saga(BenchContext ctx, Plan plan, PrintStream log, List<BenchResult> results) throws Exception {
        log.println("4/5 saga end to end, " + plan.sagaPasses() + (plan.sagaPasses() == 1 ? " pass" : " passes") + " ...");
        try (SagaBench saga = SagaBench.start(ctx, 18182, 18183)) {
            results.addAll(saga.runPasses(ctx, plan.sagaOrders(), plan.sagaPasses(), log));
            log.println("5/5 queries, local then with a second instance (forwarded) ...");
            results.addAll(QueryBench.run(18182, "/aggregates/inventory/", saga.skus, plan.queryClients(), plan.queryDuration()));
            ServiceSettings second = saga.settings.withInstance(18184, ctx.workDir().resolve("saga-second"));
            try (CommandService another = CommandService.start(second, ctx.registry())) {
                another.streams().awaitRunning(Duration.ofMinutes(2));
                saga.commands.streams().awaitRunning(Duration.ofMinutes(2));
                results.addAll(QueryBench.run(18182, "/aggregates/inventory/", saga.skus, plan.queryClients(), plan.queryDuration()));
            }
        }
    }

    public static Map<String, Object> environment(String bootstrap, boolean embedded) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        env.put("java", Runtime.version().toString());
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("broker", embedded ? "embedded single-node KRaft broker in the same JVM" : bootstrap);
        return env;
    }

    public static BenchContext context(String bootstrap, Map<String, String> clientOverrides,
                                       io.eventline.schemas.registry.SchemaRegistry registry, Path workDir, String runId, int partitions) {
        return new BenchContext(bootstrap, clientOverrides, registry, workDir, runId, partitions);
    }
}
