package io.eventline.service.app;

import java.time.Duration;

/**
 * A shutdown hook with a deadline: SIGINT or SIGTERM stops the process within {@link #LIMIT}
 * whatever its threads are doing. The orderly close runs first; if it has not finished by then
 * (a stream thread stuck in a retry loop, a broker that does not answer), the JVM is halted.
 */
public final class BoundedShutdown {

    /** Within what an orchestrator waits before it kills (Kubernetes: 30 s). */
    public static final Duration LIMIT = Duration.ofSeconds(28);

    private BoundedShutdown() {}

    /** Registers {@code stop} to run at shutdown, and waits for it: what a service's main does last. */
    public static void awaitShutdown(String name, Runnable stop) throws InterruptedException {
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        onShutdown(name, () -> {
            try {
                stop.run();
            } finally {
                stopped.countDown();
            }
        });
        stopped.await();
    }

    /** Registers {@code stop} to run at shutdown, bounded by {@link #LIMIT}. */
    public static void onShutdown(String name, Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Thread watchdog = Thread.ofPlatform().daemon().name(name + "-deadline").start(() -> {
                try {
                    Thread.sleep(LIMIT.toMillis());
                } catch (InterruptedException finished) {
                    return;
                }
                System.err.println(name + ": did not stop within " + LIMIT.toSeconds() + " s; halting");
                Runtime.getRuntime().halt(1);
            });
            try {
                stop.run();
            } finally {
                watchdog.interrupt();
            }
        }, name));
    }
}
