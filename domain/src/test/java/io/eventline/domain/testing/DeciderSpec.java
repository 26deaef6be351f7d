package io.eventline.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.eventline.domain.core.Decider;
import io.eventline.domain.core.Deciders;
import io.eventline.domain.core.Rejection;
import java.util.ArrayList;
import java.util.List;

/**
 * Given / when / then for deciders:
 * {@code given(orders, placed).when(new ShipOrder(ORDER)).thenRejected("ORDER_NOT_CONFIRMED")}.
 */
public final class DeciderSpec<C, S, E> {

    private final Decider<C, S, E> decider;
    private final List<E> history;

    private DeciderSpec(Decider<C, S, E> decider, List<E> history) {
        this.decider = decider;
        this.history = history;
    }

    @SafeVarargs
    public static <C, S, E> DeciderSpec<C, S, E> given(Decider<C, S, E> decider, E... history) {
        return new DeciderSpec<>(decider, List.of(history));
    }

    public Outcome when(C command) {
        S state = Deciders.fold(decider, history);
        try {
            return new Outcome(command, state, decider.decide(command, state), null);
        } catch (Rejection rejection) {
            return new Outcome(command, state, null, rejection);
        }
    }

    /** What deciding the command gave: events, or a rejection. */
    public final class Outcome {
        private final C command;
        private final S before;
        private final List<E> events;
        private final Rejection rejection;

        private Outcome(C command, S before, List<E> events, Rejection rejection) {
            this.command = command;
            this.before = before;
            this.events = events;
            this.rejection = rejection;
        }

        @SafeVarargs
        public final Outcome then(E... expected) {
            var wanted = new ArrayList<E>();
            for (E event : expected) {
                wanted.add(event);
            }
            if (rejection != null) {
                fail("%s was rejected (%s) but should give %s", command, rejection, wanted);
            }
            assertThat(events).as("events of %s", command).containsExactlyElementsOf(wanted);
            return this;
        }

        public Outcome thenNothing() {
            return then();
        }

        public void thenRejected(String code) {
            if (rejection == null) {
                fail("%s should be rejected with %s but gave %s", command, code, events);
            }
            assertThat(rejection.code()).as("rejection code of %s (%s)", command, rejection.getMessage()).isEqualTo(code);
            assertThat(rejection.getMessage()).isNotBlank();
        }

        /** The state after the history and the new events, as a fresh replay would build it. */
        public Outcome thenState(S expected) {
            assertThat(rejection).as("rejection of %s", command).isNull();
            assertThat(Deciders.fold(decider, before, events)).isEqualTo(expected);
            return this;
        }
    }
}
