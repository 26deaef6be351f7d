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
import java.util.List;

/**
 * Read-model rebuild: a fresh application replays an event topic from its beginning. Runs over the
 * command benchmark's pipeline, whose event topics hold tens of thousands of events by then.
 */
final class RebuildBench {

    private RebuildBench() {}

    static List<BenchResult> run(BenchContext ctx, int httpPort) throws Exception {
        ServiceSettings settings = ctx.settings("cmd", "cmd-rebuild", httpPort);
        List<BenchResult> results = new ArrayList<>();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        for (ReadModelModule module : List.<ReadModelModule>of(new OrderSummaryModule(), new StockLevelModule())) {
            ProjectionRebuild.Result r = new ProjectionRebuild(settings, ctx.registry(), quiet)
                    .rebuild(module, ProjectionRebuild.Mode.FRESH, Duration.ofMinutes(10));
            results.add(BenchResult.of("rebuild", "read-model rebuild: " + module.name(), r.replayEventsPerSecond(), "events/s")
                    .with("events", r.events()).with("changes", r.changes())
                    .with("replayingMs", r.replaying().toMillis())
                    .with("tookMs", r.took().toMillis()).with("eventsPerSecondStartIncluded", Math.round(r.eventsPerSecond()))
                    .with("note", "the replay, from the first event read to the last change applied; tookMs adds the"
                            + " application's start, first rebalance and the catch-up check"));
        }
        return results;
    }
}
