package io.eventline.domain.core;

import java.util.List;

/**
 * A saga: the mirror of a {@link Decider}, turning events into commands ({@code E -> S -> C}).
 *
 * <p>Contract, for each input event, in this order:
 * <ol>
 *   <li>{@code state = evolve(state, event)}: remember what the event says; pure.</li>
 *   <li>{@code react(state, event)}: the commands to send now, given the state <em>after</em>
 *       evolve. A duplicate input yields no command a second time.</li>
 *   <li>{@link #isTerminal}: true once nothing more is expected; the caller may stop the
 *       saga's deadline then.</li>
 * </ol>
 * Time enters only as an event (a deadline the caller raises); ids of the commands derive, in the
 * caller, from the event that caused them. Nothing here reads a clock or makes an id.
 *
 * @param <E> the events the saga reacts to
 * @param <S> the saga's state
 * @param <C> the commands it sends
 */
public interface ProcessManager<E, S, C> {

    S initialState();

    S evolve(S state, E event);

    /** @param state the state after {@link #evolve} applied {@code event} */
    List<C> react(S state, E event);

    boolean isTerminal(S state);
}
