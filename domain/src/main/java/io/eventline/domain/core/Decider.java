package io.eventline.domain.core;

import java.util.List;

/**
 * The write side of one aggregate type, as three pure functions.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #initialState()} is the state of an aggregate that has no event yet.</li>
 *   <li>{@link #decide} answers a command with the events it causes, in order. An empty list means
 *       there is nothing to do (the command repeats a transition already made). A command that breaks
 *       a rule is refused by throwing {@link Rejection}, and by nothing else: any other exception is a
 *       bug.</li>
 *   <li>{@link #evolve} applies one event that {@code decide} produced. It never refuses: the event
 *       already happened.</li>
 *   <li>All three are pure and deterministic: no clock, no random ids, no I/O, no mutation of their
 *       arguments. Replaying the same events gives an equal state.</li>
 * </ul>
 *
 * @param <C> the aggregate's commands
 * @param <S> the aggregate's state
 * @param <E> the aggregate's events
 */
public interface Decider<C, S, E> {

    S initialState();

    /** @throws Rejection when the command breaks a rule; the state is then unchanged */
    List<E> decide(C command, S state);

    S evolve(S state, E event);
}
