package io.eventline.launcher;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The hops of each order's chain, timed by when each record became visible to a read_committed
 * reader. A command's hop runs from the record before it in its chain (the event the saga reacted
 * to) to the command: the saga's hop. An event's hop runs from the command before it: the command
 * service's. Of two steps sent together (two ReserveStock, then their two events), the hop is timed
 * to the first; the next hop starts from the last.
 */
final class HopTimes {

    private record Step(String type, boolean command, long visibleAtMillis) {}

    private final String correlationPrefix;
    private final Map<String, Long> firstDueMillis;
    private final Map<String, Step> lastStep = new HashMap<>();
    private final Map<String, Histogram> byHop = new LinkedHashMap<>();
    private final Histogram commandToEvent = new Histogram(3);
    private final Histogram eventToCommand = new Histogram(3);

    /**
     * @param correlationPrefix the run's chains; records of other correlations are ignored
     * @param firstDueMillis    when each chain's first command was due (by correlation id), so that its
     *                          first hop includes the client's send
     */
    HopTimes(String correlationPrefix, Map<String, Long> firstDueMillis) {
        this.correlationPrefix = correlationPrefix;
        this.firstDueMillis = firstDueMillis;
    }

    /** A record of {@code type} on a command topic or an event topic, visible at {@code visibleAtMillis}. */
    synchronized void see(String correlationId, String type, boolean command, long visibleAtMillis) {
        if (correlationId == null || type == null || !correlationId.startsWith(correlationPrefix)) {
            return;
        }
        Step before = lastStep.put(correlationId, new Step(type, command, visibleAtMillis));
        if (before == null) {
            Long due = firstDueMillis.get(correlationId);
            if (due != null) {
                record("(due) -> " + type, visibleAtMillis - due, null);
            }
        } else if (before.command() != command) {
            record(before.type() + " -> " + type, visibleAtMillis - before.visibleAtMillis(), command ? eventToCommand : commandToEvent);
        }
    }

    private void record(String hop, long millis, Histogram kind) {
        long value = Math.max(0, millis);
        byHop.computeIfAbsent(hop, h -> new Histogram(3)).recordValue(value);
        if (kind != null) {
            kind.recordValue(value);
        }
    }

    /** Each hop seen at least {@code minCount} times, in the order first seen, then both kinds of hop. */
    synchronized void print(PrintStream out, long minCount) {
        out.println("  Where orders waited (ms, from when a record became visible to a read_committed reader):");
        byHop.forEach((hop, h) -> {
            if (h.getTotalCount() >= minCount) {
                out.printf("    %-40s %s%n", hop, percentiles(h));
            }
        });
        out.printf("    %-40s %s%n", "every command -> its event", percentiles(commandToEvent));
        out.printf("    %-40s %s%n", "every event -> the saga's next command", percentiles(eventToCommand));
    }

    private static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        return String.format("p50 %5d  p99 %5d  (n=%d)", h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getTotalCount());
    }
}
