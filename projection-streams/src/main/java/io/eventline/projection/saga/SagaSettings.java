package io.eventline.projection.saga;

import java.time.Duration;
import java.util.Map;

/**
 * The fulfilment saga's own settings, read once from the environment.
 *
 * @param deadline     how long a saga may wait (EVENTLINE_SAGA_DEADLINE, milliseconds or ISO-8601, default
 *                     PT30S): an order not confirmed that long after its first input is compensated; a confirmed
 *                     or compensating saga that long without moving on is parked as STUCK
 * @param scanInterval how often, by the wall clock, due deadlines are looked for
 */
public record SagaSettings(Duration deadline, Duration scanInterval) {

    public static final String DEADLINE_VARIABLE = "EVENTLINE_SAGA_DEADLINE";
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofSeconds(1);
    /** Deadlines fired per scan and task at most: one transaction each, small after a long outage too. */
    static final int MAX_DEADLINES_PER_SCAN = 500;

    public SagaSettings {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the saga deadline must be positive, not " + deadline);
        }
        if (scanInterval.isNegative() || scanInterval.isZero()) {
            throw new IllegalArgumentException("the deadline scan interval must be positive, not " + scanInterval);
        }
    }

    public static SagaSettings defaults() {
        return new SagaSettings(DEFAULT_DEADLINE, DEFAULT_SCAN_INTERVAL);
    }

    public static SagaSettings fromEnvironment(Map<String, String> env) {
        String value = env.get(DEADLINE_VARIABLE);
        if (value == null || value.isBlank()) {
            return defaults();
        }
        String v = value.trim();
        try {
            return new SagaSettings(v.matches("\\d+") ? Duration.ofMillis(Long.parseLong(v)) : Duration.parse(v),
                    DEFAULT_SCAN_INTERVAL);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(DEADLINE_VARIABLE
                    + " must be positive milliseconds or an ISO-8601 duration (PT30S), got '" + value + "'");
        }
    }

    public int maxDeadlinesPerScan() {
        return MAX_DEADLINES_PER_SCAN;
    }

    public SagaSettings withDeadline(Duration newDeadline) {
        return new SagaSettings(newDeadline, scanInterval);
    }
}
