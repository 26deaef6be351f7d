package io.eventline.projection.readmodel.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** One line redrawn in place: {@code order-summary [#####·····]  52%  1,234 events  2,345 events/s}. */
final class RebuildProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;

    RebuildProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    void show(double fraction, long events, Duration elapsed) {
        double clamped = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(clamped * WIDTH);
        out.printf(Locale.ROOT, "\r%s [%s%s] %3d%%  %,d events  %,.0f events/s", label, "#".repeat(filled),
                "·".repeat(WIDTH - filled), Math.round(clamped * 100), events, rate(events, elapsed));
        out.flush();
    }

    void done(String applicationId, long events, Duration elapsed) {
        show(1, events, elapsed);
        out.printf(Locale.ROOT, "%nrebuilt %s into %s: %,d events in %.1f s (%,.0f events/s)%n", label, applicationId,
                events, elapsed.toMillis() / 1000.0, rate(events, elapsed));
        out.flush();
    }

    static double rate(long events, Duration elapsed) {
        return elapsed.isZero() ? 0 : events / (elapsed.toNanos() / 1e9);
    }
}
