package io.eventline.launcher.faults;

import io.eventline.verify.VerificationReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one fault scenario went: what it did (facts, in the order they happened) and what the
 * verifier found afterwards in the pipeline under {@code prefix}. It held when the verifier's report holds.
 */
public record ScenarioResult(String name, String prefix, long commandsPublished, int faults, Duration took,
                             Map<String, Object> facts, VerificationReport report) {

    public ScenarioResult {
        facts = new LinkedHashMap<>(facts);
    }

    public boolean holds() {
        return report.holds();
    }

    /** One line per scenario, then the verifier's report. */
    @Override
    public String toString() {
        return String.format("%s: %d commands published, %d faults, %d s%s%n%s", name, commandsPublished, faults,
                took.toSeconds(), facts.isEmpty() ? "" : "; " + facts, report);
    }
}
