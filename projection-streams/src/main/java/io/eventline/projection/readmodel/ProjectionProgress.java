package io.eventline.projection.readmodel;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How far one read model's Kafka Streams application has come in this process: the events it read
 * from the event topics and the time of the last event it applied. Shared by the stream threads that
 * write it and the gauges and rebuild progress that read it; in memory only, a restart starts at zero.
 */
public final class ProjectionProgress {

    private final LongAdder read = new LongAdder();
    private final LongAdder applied = new LongAdder();
    private final AtomicLong lastAppliedOccurredAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong firstReadNanos = new AtomicLong();
    private volatile long lastActivityNanos;

    /** One event consumed from an event topic, applied or not. */
    public void read() {
        long now = System.nanoTime();
        if (firstReadNanos.get() == 0) {
            // Read first: a compare-and-set on every event would contend across stream threads.
            firstReadNanos.compareAndSet(0, now);
        }
        lastActivityNanos = now;
        read.increment();
    }

    /** One change applied to the read model's store; {@code occurredAt} is its event's time. */
    public void applied(Instant occurredAt) {
        applied.increment();
        lastActivityNanos = System.nanoTime();
        lastAppliedOccurredAt.accumulateAndGet(occurredAt.toEpochMilli(), Math::max);
    }

    public long eventsRead() {
        return read.sum();
    }

    public long changesApplied() {
        return applied.sum();
    }

    /**
     * From the first event read to the last event read or change applied: the time spent replaying,
     * without the application's start and rebalance before it. Zero before any event.
     */
    public Duration busy() {
        long first = firstReadNanos.get();
        return first == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, lastActivityNanos - first));
    }

    /** The latest event time applied so far, if any (the max, as partitions interleave). */
    public Optional<Instant> lastApplied() {
        long millis = lastAppliedOccurredAt.get();
        return millis == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
