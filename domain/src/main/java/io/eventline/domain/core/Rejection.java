package io.eventline.domain.core;

import java.util.Objects;

/**
 * A command refused because it breaks a rule: the only exception {@link Decider#decide} throws.
 *
 * <p>{@link #code()} is stable, UPPER_SNAKE_CASE and meant for machines (it travels in command
 * results); the message is for people and may change.
 */
public final class Rejection extends RuntimeException {

    private final String code;

    public Rejection(String code, String message) {
        // A refusal is an answer, not a failure: no stack trace to capture on this hot path.
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (code == null || !code.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*")) {
            throw new IllegalArgumentException("rejection code must be UPPER_SNAKE_CASE: " + code);
        }
        this.code = code;
    }

    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return "Rejection[" + code + ": " + getMessage() + "]";
    }
}
