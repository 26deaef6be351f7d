package io.eventline.launcher;

import io.eventline.projection.saga.InvariantChecker;
import io.eventline.projection.saga.InvariantReport;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.ServiceSettings;
import java.io.PrintStream;

/** The invariant check that ends the demo: every event of every run so far, read back read_committed. */
final class DemoChecks {

    private DemoChecks() {}

    static boolean invariantsHold(ServiceSettings settings, SchemaRegistry registry, PrintStream out) {
        InvariantReport report = new InvariantChecker(settings.clientConfig(), settings.topics(), registry).check();
        out.println("Invariants (all runs on this data): " + (report.holds() ? "HOLD" : "BROKEN"));
        out.println("  " + report.toString().replace("\n", "\n  "));
        return report.holds();
    }
}
