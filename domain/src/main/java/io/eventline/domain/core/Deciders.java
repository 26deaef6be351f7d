package io.eventline.domain.core;

/** Helpers over {@link Decider} that every adapter would otherwise write again. */
public final class Deciders {

    private Deciders() {
    }

    /** The state after {@code events}, applied in order to the decider's initial state. */
    public static <S, E> S fold(Decider<?, S, E> decider, Iterable<? extends E> events) {
        return fold(decider, decider.initialState(), events);
    }

    /** The state after {@code events}, applied in order to {@code state} (a snapshot, say). */
    public static <S, E> S fold(Decider<?, S, E> decider, S state, Iterable<? extends E> events) {
        S current = state;
        for (E event : events) {
            current = decider.evolve(current, event);
        }
        return current;
    }
}
