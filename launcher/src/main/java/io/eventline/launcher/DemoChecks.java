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
     * The saga's invariants over every committed event. The demo counts an order finished at its
     * OrderCancelled, but a cancelled order's last release or refund can be committed after that
     * (InvariantReport#onlyCompensationsInFlight); after a backlog a few can still be in the command
     * topic when the last order is cancelled. So while every violation is of that kind, it looks
     * again, for up to {@code inFlight}; any other violation is final at once.
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
        InvariantReport first = check.get();
        InvariantReport report = first;
        while (report.onlyCompensationsInFlight() && System.nanoTime() < deadline) {
            Thread.sleep(pause.toMillis());
            report = check.get();
        }
        out.println("Invariants (all runs on this data): " + (report.holds() ? "HOLD" : "BROKEN"));
        out.println("  " + report.toString().replace("\n", "\n  "));
        if (!first.holds() && report.holds()) {
            out.printf("  (held %.0f s after the first check, which found %d %s that compensations still on their"
                            + " way explain)%n", (System.nanoTime() - started) / 1e9,
                    first.violations().size(), first.violations().size() == 1 ? "violation" : "violations");
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
