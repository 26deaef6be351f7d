package io.eventline.domain.core;

/**
 * A read model: a left fold of events into a state shaped for a query.
 *
 * <p>Contract: {@link #initialState()} is the view before any event; {@link #evolve} is pure, total
 * (it accepts every event of its type, ignoring those it does not need) and returns a new state,
 * leaving its arguments untouched. The caller decides the key a state belongs to and feeds it the
 * events of that key, in order.
 *
 * @param <S> the read model's state
 * @param <E> the events it folds
 */
public interface View<S, E> {

    S initialState();

    S evolve(S state, E event);
}
