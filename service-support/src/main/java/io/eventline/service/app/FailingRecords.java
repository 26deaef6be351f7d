package io.eventline.service.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input records on which a stream thread failed, counted per record across thread
 * replacements. A record that fails again and again (a value the broker refuses, state that no
 * longer decodes) would otherwise stop its partition for good: after {@code maxAttempts} the
 * processor that reads it takes it out of the stream (a dead letter, in its own transaction)
 * instead of trying once more. What is in here also tells the health check that a thread is failing.
 *
 * <p>One instance per service process, shared by the exception handlers Kafka Streams creates
 * (through the application's configuration, under {@link #CONFIG}) and the processors.
 */
public final class FailingRecords {

    /** The configuration key under which the running application's ledger travels to its handlers. */
    public static final String CONFIG = "eventline.failing.records";
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** A failure older than this no longer makes the service unready: it has not happened again. */
    static final Duration RECENT = Duration.ofSeconds(60);
    private static final int CAPACITY = 1_000;

    /** Where a record is: what a dead letter and a log line name. */
    public record Coordinates(String topic, int partition, long offset) {
        @Override
        public String toString() {
            return topic + "/" + partition + "@" + offset;
        }
    }

    /** What has happened to one record so far. */
    public record Failure(Coordinates at, int attempts, String errorClass, String message, Instant lastAt) {
        public String describe() {
            return at + " failed " + attempts + (attempts == 1 ? " time: " : " times: ") + errorClass + ": " + message;
        }
    }

    private final int maxAttempts;
    private final Clock clock;
    // Insertion-ordered and bounded: a flood of distinct failures keeps the newest.
    private final Map<Coordinates, Failure> failures = new LinkedHashMap<>();
    // Read on every record by every stream thread: while nothing failed (nearly always), no lock.
    private volatile int size;
    // The send failure last counted per record: thrown again from the next send of the same attempt,
    // it reaches the processing handler too, and must not count twice. (Compared by identity: Kafka
    // reuses one exception instance per error code, so the producer's own report always counts.)
    private final Map<Coordinates, Throwable> sendErrors = new LinkedHashMap<>();

    public FailingRecords(int maxAttempts, Clock clock) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    public static FailingRecords standard() {
        return new FailingRecords(DEFAULT_MAX_ATTEMPTS, Clock.systemUTC());
    }

    /**
     * One more failed attempt at the record: its processing threw. Returns what is now known of it,
     * or empty when this is a send failure of the same attempt, counted already.
     */
    public synchronized Optional<Failure> failed(Coordinates at, Throwable error) {
        Throwable sent = sendErrors.get(at);
        if (sent != null && causedBy(error, sent)) {
            return Optional.empty();
        }
        return Optional.of(count(at, error));
    }

    /** One more failed attempt at the record: the producer could not send what it led to. */
    public synchronized Failure failedToSend(Coordinates at, Throwable error) {
        sendErrors.remove(at);
        sendErrors.put(at, error);
        return count(at, error);
    }

    private Failure count(Coordinates at, Throwable error) {
        Failure before = failures.remove(at);
        Failure now = new Failure(at, before == null ? 1 : before.attempts() + 1, error.getClass().getName(),
                String.valueOf(error.getMessage()), clock.instant());
        failures.put(at, now);
        if (failures.size() > CAPACITY) {
            Coordinates oldest = failures.keySet().iterator().next();
            failures.remove(oldest);
            sendErrors.remove(oldest);
        }
        size = failures.size();
        return now;
    }

    private static boolean causedBy(Throwable error, Throwable counted) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t == counted) {
                return true;
            }
        }
        return false;
    }

    /** The record's failure once it has failed {@code maxAttempts} times: the processor must not try again. */
    public Optional<Failure> exhausted(Coordinates at) {
        if (size == 0) {
            return Optional.empty();
        }
        synchronized (this) {
            return Optional.ofNullable(failures.get(at)).filter(f -> f.attempts() >= maxAttempts);
        }
    }

    /** Failures seen within the last minute, newest last: while any stands, the service is not ready. */
    public synchronized List<Failure> recent() {
        Instant since = clock.instant().minus(RECENT);
        List<Failure> recent = new ArrayList<>();
        failures.values().stream().filter(f -> f.lastAt().isAfter(since)).forEach(recent::add);
        return recent;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The ledger the application's configuration carries, or a fresh one when there is none (tests). */
    public static FailingRecords from(Map<String, ?> configs) {
        Object value = configs.get(CONFIG);
        if (value instanceof FailingRecords ledger) {
            return ledger;
        }
        throw new IllegalStateException(CONFIG + " is not set: the application was not started by StreamsService");
    }
}
