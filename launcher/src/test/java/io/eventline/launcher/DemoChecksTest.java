package io.eventline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.projection.saga.InvariantReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoChecksTest {

    private static final InvariantReport RELEASE_IN_FLIGHT = new InvariantReport(1, 1, 0, 12, List.of(
            new InvariantReport.Violation("cancelled order holds nothing", "o-1", "SKU-A: reserved 1, released 0, committed 0")));
    private static final InvariantReport CONSISTENT = new InvariantReport(1, 1, 0, 13, List.of());

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void a_release_still_in_flight_at_the_first_check_holds_once_it_lands() throws Exception {
        Deque<InvariantReport> reports = new ArrayDeque<>(List.of(RELEASE_IN_FLIGHT, RELEASE_IN_FLIGHT, CONSISTENT));

        boolean holds = DemoChecks.invariantsHold(reports::pop, Duration.ofSeconds(10), Duration.ofMillis(10), out);

        assertThat(holds).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Invariants (all runs on this data): HOLD",
                "which found 1 violation that compensations still on their way explain");
        assertThat(reports).isEmpty();
    }

    @Test
    void a_violation_that_stays_breaks_the_invariants_once_the_wait_is_over() throws Exception {
        Counted checks = new Counted(RELEASE_IN_FLIGHT);

        boolean holds = DemoChecks.invariantsHold(checks::get, Duration.ofMillis(200), Duration.ofMillis(20), out);

        assertThat(holds).isFalse();
        assertThat(checks.times).isGreaterThan(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Invariants (all runs on this data): BROKEN",
                "cancelled order holds nothing [o-1]").doesNotContain("on their way");
    }

    @Test
    void a_consistent_history_is_checked_once() throws Exception {
        Counted checks = new Counted(CONSISTENT);

        boolean holds = DemoChecks.invariantsHold(checks::get, Duration.ofSeconds(10), Duration.ofMillis(10), out);

        assertThat(holds).isTrue();
        assertThat(checks.times).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("on their way");
    }

    @Test
    void a_violation_no_compensation_explains_is_final_at_the_first_check() throws Exception {
        InvariantReport negativeStock = new InvariantReport(1, 1, 0, 12, List.of(
                new InvariantReport.Violation("stock never negative", "SKU-A", "after StockReserved: -1"),
                new InvariantReport.Violation("cancelled order holds nothing", "o-1", "SKU-A: reserved 1, released 0")));
        Counted checks = new Counted(negativeStock);

        boolean holds = DemoChecks.invariantsHold(checks::get, Duration.ofSeconds(10), Duration.ofMillis(10), out);

        assertThat(holds).isFalse();
        assertThat(checks.times).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("BROKEN", "stock never negative [SKU-A]");
    }

    /** A check that always finds the same report, and counts how often it ran. */
    private static final class Counted {
        private final InvariantReport report;
        int times;

        Counted(InvariantReport report) {
            this.report = report;
        }

        InvariantReport get() {
            times++;
            return report;
        }
    }
}
