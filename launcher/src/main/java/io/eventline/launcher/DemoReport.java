package io.eventline.launcher;

import java.io.PrintStream;
import org.HdrHistogram.Histogram;

/** The demo's summary: what was sent and decided, how fast, and how long orders took end to end. */
record DemoReport(DemoWorkload workload, OrderTracker tracker, HopTracer hops, long sendingNanos, long settledNanos,
                  boolean settled) {

    void print(PrintStream out) {
        out.println();
        out.println("Summary");
        out.printf("  orders sent %d: accepted %d, rejected %d, failed to send %d%n", workload.sent.get(),
                workload.accepted.get(), workload.rejected.get(), workload.failed.get());
        out.printf("  sagas finished %d: shipped %d, cancelled by compensation %d%s%n", tracker.finished(),
                tracker.shipped.get(), tracker.cancelled.get(), settled ? "" : "  (NOT SETTLED within the timeout)");
        out.printf("  order events seen %d%n", tracker.events.get());
        double sentRate = workload.sent.get() / (sendingNanos / 1e9);
        int asked = workload.shape().ratePerSecond();
        out.printf("  throughput: %.0f orders/s sent (asked %d/s: %.0f%%), %.0f orders/s finished through the saga%n",
                sentRate, asked, 100 * sentRate / asked, tracker.finished() / (settledNanos / 1e9));
        out.println("  PlaceOrder -> result latency (ms, from when it was due): " + percentiles(workload.commandLatencyMicros, 1000.0));
        out.println("  PlaceOrder -> OrderShipped (ms, from when it was due):   " + percentiles(tracker.placedToShippedMillis, 1.0));
        hops.print(out, Math.max(1, workload.sent.get() / 100));
    }

    private static String percentiles(Histogram h, double divisor) {
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        return String.format("p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (n=%d)",
                h.getValueAtPercentile(50) / divisor, h.getValueAtPercentile(95) / divisor,
                h.getValueAtPercentile(99) / divisor, h.getMaxValue() / divisor, h.getTotalCount());
    }
}
