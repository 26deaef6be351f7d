package io.eventline.bench;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code postgres} part: the PostgreSQL peer's cases, the command service on a backlog of the
 * same hot mix, and the ratios the goals name. Skipped, with one line saying how to get a server,
 * when none answers.
 */
final class PostgresPart {

    static final String UNIFORM_RATIO = "command-service / PostgreSQL's best uniform figure";
    static final String HOT_RATIO = "command-service / PostgreSQL's best figure, hot (" + CommandMix.HOT_KEYS + " skus, "
            + PostgresBench.HOT_CLIENTS + " clients)";
    private static final String KAFKA = "command-service throughput (backlog, mixed commands)";
    private static final String HOT = "hot: " + CommandMix.HOT_KEYS + " skus";

    private PostgresPart() {}

    static void run(BenchContext ctx, BenchmarkRunner.Plan plan, PrintStream log, List<BenchResult> results) throws Exception {
        PostgresPeer peer = PostgresPeer.fromEnvironment(System.getenv());
        PostgresPeer.Reachable reachable = peer.reach();
        if (reachable.version().isEmpty()) {
            log.println("postgres: skipped, no PostgreSQL at " + peer.url() + " as " + peer.user() + " (" + reachable.why()
                    + "): " + PostgresPeer.HOW_TO_INSTALL);
            return;
        }
        log.println("postgres: the same mix through a seed-style event store on PostgreSQL " + reachable.version().get() + " ...");
        results.addAll(PostgresBench.run(ctx, peer, reachable.version().get(), plan.postgresCommands(),
                plan.postgresHotCommands(), log));
        log.println("    command service on a backlog of the hot mix ...");
        BenchContext hot = ctx.withRunId(ctx.runId() + "hot");
        results.addAll(CommandBench.run(hot, new CommandBench.Variant("hot", HOT, Map.of()), CommandMix.HOT_KEYS,
                plan.commands(), List.of(), plan.perRate(), 18186));
        hot.deleteTopics();
        ratios(results, log);
    }

    /** Our throughput over PostgreSQL's best, uniform and hot, when this run has both sides. */
    static void ratios(List<BenchResult> results, PrintStream log) {
        Optional<BenchResult> uniform = named(results, KAFKA);
        Optional<BenchResult> bestUniform = bestPostgres(results, "uniform");
        if (uniform.isPresent() && bestUniform.isPresent()) {
            results.add(ratio(UNIFORM_RATIO, uniform.get(), bestUniform.get(), 4));
        } else {
            log.println("    no uniform ratio: this run has no command-service backlog figure (run the commands part too)");
        }
        Optional<BenchResult> hot = named(results, KAFKA + " [" + HOT + "]");
        Optional<BenchResult> bestHot = bestPostgres(results, "hot");
        if (hot.isPresent() && bestHot.isPresent()) {
            Object conflicts = hot.get().details().get("concurrencyConflicts");
            BenchResult ratio = ratio(HOT_RATIO, hot.get(), bestHot.get(), 20);
            results.add(ratio.with("goal", "≥ 20×, no command lost to conflicts")
                    .with("met", Boolean.TRUE.equals(ratio.details().get("met")) && Long.valueOf(0).equals(conflicts))
                    .with("commandServiceConcurrencyConflicts", conflicts)
                    .with("postgresFailedAfterRetries", bestHot.get().details().get("failedAfterRetries")));
        }
    }

    private static BenchResult ratio(String name, BenchResult ours, BenchResult theirs, int goal) {
        double ratio = ours.value() / theirs.value();
        return BenchResult.of(PostgresBench.GROUP, name, ratio, "×")
                .with("commandService", Math.round(ours.value())).with("postgres", Math.round(theirs.value()))
                .with("postgresCase", theirs.name()).with("goal", "≥ " + goal + "×").with("met", ratio >= goal);
    }

    private static Optional<BenchResult> named(List<BenchResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private static Optional<BenchResult> bestPostgres(List<BenchResult> results, String label) {
        return results.stream().filter(r -> r.name().startsWith(PostgresBench.NAME + ", " + label))
                .max(Comparator.comparingDouble(BenchResult::value));
    }
}
