package io.eventline.service.http;

import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * A bound on requests that wait (read-your-writes: a query holding on until a version is reached):
 * each holds a thread and a connection for up to seconds, so beyond the bound a request that would
 * wait is answered 503 with Retry-After at once, and requests that answer at once are not held up.
 */
public final class Waits {

    private final int max;
    private final Semaphore permits;

    public Waits(int max) {
        this.max = max;
        this.permits = new Semaphore(max);
    }

    /** A permit to wait, to close when done waiting; a 503 problem when {@code max} requests wait already. */
    public Permit enter() {
        if (!permits.tryAcquire()) {
            throw new Problem(503, "Service Unavailable", "more than " + max + " requests are waiting for a minVersion;"
                    + " try again shortly", Map.of(), Map.of("Retry-After", "1"));
        }
        return permits::release;
    }

    /** How many requests wait now. */
    public int waiting() {
        return max - permits.availablePermits();
    }

    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
