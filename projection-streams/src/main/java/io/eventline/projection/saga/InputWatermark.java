package io.eventline.projection.saga;

import java.time.Instant;

/**
 * How far the saga's input is known to be processed, as an instant W: every input committed to the
 * saga's topics before W has been read, repartitioned and processed by the saga. A deadline due at
 * T fires only once W has reached T, so a reply that was already in the log when the deadline fell
 * due is always seen first, however far behind the saga is (after a restart, a restore, a pause).
 */
interface InputWatermark {

    /** W, given the wall clock's {@code now}; never later than {@code now}. */
    Instant caughtUpTo(Instant now);

    /** A saga task that reads it started, in the application {@code applicationId}. */
    default void open(String applicationId) {}

    /** A saga task that read it closed. */
    default void release() {}

    /**
     * The wall clock itself: for a topology whose input is processed as soon as it is written (tests
     * driving it record by record), where nothing can wait in a backlog.
     */
    static InputWatermark wallClock() {
        return now -> now;
    }
}
