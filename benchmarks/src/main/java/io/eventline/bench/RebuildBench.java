package io.eventline.bench;

import io.eventline.projection.readmodel.ReadModelModule;
import io.eventline.projection.readmodel.ops.ProjectionRebuild;
import io.eventline.projection.readmodel.order.OrderSummaryModule;
import io.eventline.projection.readmodel.stock.StockLevelModule;
import io.eventline.service.config.ServiceSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-model rebuild: a fresh application replays an event topic from its beginning. Runs over the
 * command benchmark's pipeline, whose event topics hold tens of thousands of events by then.
 */
final class RebuildBench {

    private RebuildBench() {}

    /** Store caching off (every change to RocksDB and the changelog) against as shipped (cached). */
    static final Map<String, Map<String, String>> SETTINGS = new LinkedHashMap<>(Map.of(
            "store cache off", Map.of("KAFKA_STATESTORE_CACHE_MAX_BYTES", "0"),
            "as shipped (store cache on)", Map.of()));

    /**
     * Each read model rebuilt {@code rounds} times under each setting, the order alternating, and
     * the median replay rate of each reported: the caching before and after, in one run.
     */
    static List<BenchResult> run(BenchContext ctx, int httpPort, int rounds) throws Exception {
        List<BenchResult> results = new ArrayList<>();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        List<String> labels = new ArrayList<>(SETTINGS.keySet());
        for (ReadModelModule module : List.<ReadModelModule>of(new OrderSummaryModule(), new StockLevelModule())) {
            Map<String, List<BenchResult>> runs = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < labels.size(); i++) {
                    String label = labels.get((i + round) % labels.size());
                    ServiceSettings settings = ctx.settings("cmd", "cmd-rebuild", httpPort, SETTINGS.get(label));
                    ProjectionRebuild.Result r = new ProjectionRebuild(settings, ctx.registry(), quiet)
                            .rebuild(module, ProjectionRebuild.Mode.FRESH, Duration.ofMinutes(10));
                    String name = "read-model rebuild: " + module.name() + " [" + label + "]";
                    runs.computeIfAbsent(name, k -> new ArrayList<>()).add(
                            BenchResult.of("rebuild", name,
                                    r.replayEventsPerSecond(), "events/s")
                                    .with("events", r.events()).with("changes", r.changes())
                                    .with("replayingMs", r.replaying().toMillis())
                                    .with("tookMs", r.took().toMillis())
                                    .with("eventsPerSecondStartIncluded", Math.round(r.eventsPerSecond()))
                                    .with("note", "the replay, from the first event read to the last change applied; tookMs"
                                            + " adds the application's start, first rebalance and the catch-up check"));
                }
            }
            results.addAll(TuningBench.summarise(runs, "rebuild"));
        }
        return results;
    }
}
