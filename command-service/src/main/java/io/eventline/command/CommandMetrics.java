package io.eventline.command;

import java.time.Duration;

/** What the command topology reports as it goes; Micrometer in the service, nothing in unit tests. */
public interface CommandMetrics {

    void accepted(String aggregateType, String commandType, int events, Duration latency);

    void rejected(String aggregateType, String code, Duration latency);

    void duplicate(String aggregateType);

    void deadLettered(String aggregateType, String reason);

    /**
     * A command record met again after a transaction that processed it committed without its
     * offset: not answered twice.
     */
    void replayed(String aggregateType);

    /** A command was found on another partition than its aggregate's, and moved there. */
    void moved(String aggregateType);

    static CommandMetrics none() {
        return new CommandMetrics() {
            @Override public void accepted(String aggregateType, String commandType, int events, Duration latency) {}
            @Override public void rejected(String aggregateType, String code, Duration latency) {}
            @Override public void duplicate(String aggregateType) {}
            @Override public void deadLettered(String aggregateType, String reason) {}
            @Override public void moved(String aggregateType) {}
            @Override public void replayed(String aggregateType) {}
        };
    }
}
