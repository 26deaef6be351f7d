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
import java.util.function.Supplier;

/**
 * The checks that end the demo, on every event of every run so far, read back read_committed: the
 * saga's invariants, and each aggregate read model equal to the fold of the events.
 */
final class DemoChecks {

    private static final List<AggregateView<?, ?>> VIEWS = List.of(AccountBalanceModule.VIEW, StockLevelModule.VIEW,
            OrderSummaryModule.VIEW);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private DemoChecks() {}

    /**
     * The saga's invariants over every committed event, checked again for up to {@code inFlight}
     * while they do not hold. An order counts as finished at its OrderCancelled, but compensation
     * sends the release, the refund and the cancellation together, and a reservation that lands
     * after the cancellation is released after it: under a backlog, the last releases can still be
     * on their way when the last order is cancelled. Those disappear within seconds; a real
     * violation stays.
     */
    static boolean invariantsHold(ServiceSettings settings, SchemaRegistry registry, Duration inFlight, PrintStream out)
            throws InterruptedException {
        InvariantChecker checker = new InvariantChecker(settings.clientConfig(), settings.topics(), registry);
        return invariantsHold(checker::check, inFlight, Duration.ofSeconds(2), out);
    }

    /** As above, with the check and the pause between two checks given. */
    static boolean invariantsHold(Supplier<InvariantReport> check, Duration inFlight, Duration pause, PrintStream out)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + inFlight.toNanos();
        InvariantReport report = check.get();
        int firstViolations = report.violations().size();
        while (!report.holds() && System.nanoTime() < deadline) {
            Thread.sleep(pause.toMillis());
            report = check.get();
        }
        out.println("Invariants (all runs on this data): " + (report.holds() ? "HOLD" : "BROKEN"));
        out.println("  " + report.toString().replace("\n", "\n  "));
        if (firstViolations > 0 && report.holds()) {
            out.printf("  (held after %.0f s: the %d violations of the first check were compensations still in flight)%n",
                    (System.nanoTime() - started) / 1e9, firstViolations);
        }
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
