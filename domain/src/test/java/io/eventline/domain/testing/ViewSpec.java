package io.eventline.domain.testing;

import io.eventline.domain.core.View;

/** Folds events through a view, as the projection does one record at a time. */
public final class ViewSpec {

    private ViewSpec() {
    }

    @SafeVarargs
    public static <S, E> S fold(View<S, E> view, E... events) {
        S state = view.initialState();
        for (E event : events) {
            state = view.evolve(state, event);
        }
        return state;
    }
}
