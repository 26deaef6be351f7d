package io.eventline.service.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Stream threads that died and were replaced, within the last minute: three or more and the service is not ready. */
final class ThreadFailures {

    static final int UNREADY_AT = 3;
    private static final Duration RECENT = Duration.ofSeconds(60);

    private record Failure(Instant at, String description) {}

    private final Clock clock;
    private final Deque<Failure> failures = new ArrayDeque<>();

    ThreadFailures(Clock clock) {
        this.clock = clock;
    }

    synchronized void failed(String applicationId, Throwable error) {
        failures.addLast(new Failure(clock.instant(), applicationId + ": " + error.getClass().getName() + ": " + error.getMessage()));
        forgetOld();
    }

    synchronized List<String> recent() {
        forgetOld();
        return failures.stream().map(Failure::description).toList();
    }

    private void forgetOld() {
        Instant since = clock.instant().minus(RECENT);
        while (!failures.isEmpty() && !failures.peekFirst().at().isAfter(since)) {
            failures.removeFirst();
        }
    }
}
