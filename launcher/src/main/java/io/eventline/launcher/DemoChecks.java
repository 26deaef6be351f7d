package io.eventline.launcher;

import io.eventline.projection.readmodel.AggregateView;
import io.eventline.projection.readmodel.ReadModelFoldCheck;
import io.eventline.projection.readmodel.account.AccountBalanceModule;
import io.eventline.projection.readmodel.order.OrderSummaryModule;
import io.eventline.projection.readmodel.stock.StockLevelModule;
import io.eventline.projection.saga.InvariantChecker;
import io.eventline.projection.saga.InvariantReport;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.ServiceSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The checks that end the demo, on every event of every run so far, read back read_committed: the
 * saga's invariants, and each aggregate read model equal to the fold of the events.
 */
final class DemoChecks {

    private static final List<AggregateView<?, ?>> VIEWS = List.of(AccountBalanceModule.VIEW, StockLevelModule.VIEW,
            OrderSummaryModule.VIEW);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private DemoChecks() {}

    static boolean invariantsHold(ServiceSettings settings, SchemaRegistry registry, PrintStream out) {
        InvariantReport report = new InvariantChecker(settings.clientConfig(), settings.topics(), registry).check();
        out.println("Invariants (all runs on this data): " + (report.holds() ? "HOLD" : "BROKEN"));
        out.println("  " + report.toString().replace("\n", "\n  "));
        return report.holds();
    }

    /**
     * Each aggregate read model of the projection service {@code projections} equals the fold of the
     * committed events, once it has caught up (waiting up to {@code catchUp} for that).
     */
    static boolean readModelsEqualTheirFolds(ServiceSettings projections, SchemaRegistry registry, Duration catchUp,
                                             PrintStream out) throws InterruptedException {
        boolean all = true;
        for (AggregateView<?, ?> view : VIEWS) {
            String applicationId = projections.applicationId() + "-" + view.name() + "-v1";
            long deadline = System.nanoTime() + catchUp.toNanos();
            List<String> differences = ReadModelFoldCheck.differences(projections.clientConfig(), projections.topics(), registry,
                    view, applicationId, READ_TIMEOUT);
            while (!differences.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                differences = ReadModelFoldCheck.differences(projections.clientConfig(), projections.topics(), registry, view,
                        applicationId, READ_TIMEOUT);
            }
            out.println("Read model " + view.name() + " = fold of the events: " + (differences.isEmpty() ? "YES" : "NO"));
            differences.forEach(d -> out.println("  " + d));
            all &= differences.isEmpty();
        }
        return all;
    }
}
