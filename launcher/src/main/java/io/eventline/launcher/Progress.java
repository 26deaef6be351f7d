package io.eventline.launcher;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A live progress line: a bar of finished orders, and the counters behind it. On a terminal it
 * redraws one line; elsewhere (CI, a log file) it prints a line every few seconds.
 */
final class Progress implements AutoCloseable {

    private final DemoWorkload workload;
    private final OrderTracker tracker;
    private final int total;
    private final boolean terminal = System.console() != null;
    private final PrintStream out = System.out;
    private final long started = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    private Progress(DemoWorkload workload, OrderTracker tracker, int total) {
        this.workload = workload;
        this.tracker = tracker;
        this.total = total;
        this.thread = Thread.ofPlatform().name("demo-progress").daemon().start(this::loop);
    }

    static Progress start(DemoWorkload workload, OrderTracker tracker, int total) {
        return new Progress(workload, tracker, total);
    }

    /** Waits until as many orders finished (shipped or cancelled) as were accepted, bounded. */
    boolean awaitSettled(long acceptedOrders, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tracker.finished() < acceptedOrders) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private void loop() {
        long lastLine = 0;
        while (running) {
            try {
                Thread.sleep(terminal ? 250 : 500);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            if (terminal) {
                out.print("\r" + line());
                out.flush();
            } else if (now - lastLine > 3_000_000_000L) {
                out.println(line());
                lastLine = now;
            }
        }
    }

    String line() {
        double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
        long finished = tracker.finished();
        int width = 30;
        int filled = (int) Math.min(width, total == 0 ? width : finished * width / total);
        return String.format("[%s%s] %d/%d orders done | sent %d accepted %d rejected %d | shipped %d cancelled %d | %d events | %.0f orders/s",
                "#".repeat(filled), ".".repeat(width - filled), finished, total, workload.sent.get(), workload.accepted.get(),
                workload.rejected.get(), tracker.shipped.get(), tracker.cancelled.get(), tracker.events.get(), finished / seconds);
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(1_000);
        out.println((terminal ? "\r" : "") + line());
    }

    @Override
    public void close() throws InterruptedException {
        if (running) {
            stop();
        }
    }
}
