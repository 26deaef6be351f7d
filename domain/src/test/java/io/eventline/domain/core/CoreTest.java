package io.eventline.domain.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreTest {

    /** A counter that refuses to go above three: the smallest decider there is. */
    static final Decider<Integer, Integer, Integer> COUNTER = new Decider<>() {
        public Integer initialState() {
            return 0;
        }

        public List<Integer> decide(Integer add, Integer total) {
            if (total + add > 3) {
                throw new Rejection("TOO_MUCH", "at most 3");
            }
            return List.of(add);
        }

        public Integer evolve(Integer total, Integer added) {
            return total + added;
        }
    };

    @Test
    void folds_events_onto_the_initial_state_or_onto_a_snapshot() {
        assertThat(Deciders.fold(COUNTER, List.of(1, 1))).isEqualTo(2);
        assertThat(Deciders.fold(COUNTER, 10, List.of(1, 1))).isEqualTo(12);
        assertThat(Deciders.fold(COUNTER, List.of())).isZero();
    }

    @Test
    void a_rejection_carries_a_stable_code_and_a_message_but_no_stack_trace() {
        var rejection = new Rejection("ORDER_NOT_CONFIRMED", "order o1 is not confirmed");
        assertThat(rejection.code()).isEqualTo("ORDER_NOT_CONFIRMED");
        assertThat(rejection.getMessage()).isEqualTo("order o1 is not confirmed");
        assertThat(rejection.getStackTrace()).isEmpty();
        assertThatThrownBy(() -> COUNTER.decide(3, 1)).isInstanceOf(Rejection.class).hasMessage("at most 3");
    }

    @Test
    void refuses_a_rejection_code_that_is_not_upper_snake_case() {
        for (String bad : new String[] {null, "", "notUpper", "TRAILING_", "_LEADING", "DOUBLE__UNDERSCORE", "WITH SPACE"}) {
            assertThatThrownBy(() -> new Rejection(bad, "m")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new Rejection("A1_B2", "m").code()).isEqualTo("A1_B2");
    }

    @Test
    void copies_are_sorted_and_unmodifiable_so_a_replay_iterates_in_the_same_order() {
        var set = Immutables.sortedSet(Set.of("c", "a", "b"));
        var map = Immutables.plus(Map.of("b", 2, "a", 1), "c", 3);
        assertThat(set).containsExactly("a", "b", "c");
        assertThat(map.keySet()).containsExactly("a", "b", "c");
        assertThat(Immutables.minus(map, "b").keySet()).containsExactly("a", "c");
        assertThat(Immutables.plus(set, "0")).containsExactly("0", "a", "b", "c");
        assertThatThrownBy(() -> set.add("d")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.put("d", 4)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void bounded_copies_keep_the_order_things_happened_in_and_forget_the_oldest_first() {
        assertThat(Immutables.appendKeepingLast(List.of(), "a", 2)).containsExactly("a");
        assertThat(Immutables.appendKeepingLast(List.of("a"), "b", 2)).containsExactly("a", "b");
        assertThat(Immutables.appendKeepingLast(List.of("a", "b"), "c", 2)).containsExactly("b", "c");
        assertThat(Immutables.appendKeepingLast(List.of("a", "b", "c", "d"), "e", 2))
                .as("a list already past the bound (written before it) is cut to it").containsExactly("d", "e");

        var map = Immutables.putKeepingLast(Immutables.putKeepingLast(Map.of(), "z", 1, 2), "a", 2, 2);
        assertThat(map.keySet()).as("not sorted: in the order put").containsExactly("z", "a");
        assertThat(Immutables.putKeepingLast(map, "m", 3, 2)).containsExactly(Map.entry("a", 2), Map.entry("m", 3));
        assertThat(Immutables.putKeepingLast(map, "z", 9, 2).keySet()).as("put again: moves last").containsExactly("a", "z");
        assertThatThrownBy(() -> map.put("d", 4)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Immutables.appendKeepingLast(List.of(), "a", 1).add("b"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_currency_code_is_three_upper_case_ascii_letters() {
        assertThat(Currencies.isCode("EUR")).isTrue();
        assertThat(List.of("eur", "EURO", "EU", "E1R", "")).noneMatch(Currencies::isCode);
        assertThat(Currencies.isCode(null)).isFalse();
    }
}
