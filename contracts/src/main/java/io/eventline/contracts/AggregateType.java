package io.eventline.contracts;

import io.eventline.domain.core.Decider;

/**
 * One aggregate type as the command service runs it: its name (the topic segment), its decider
 * (the rules) and its codec (the contract).
 */
public record AggregateType<C, S, E>(String name, Decider<C, S, E> decider, AggregateCodec<C, S, E> codec) {

    public StoredAggregate<S> initial() {
        return new StoredAggregate<>(0, java.time.Instant.EPOCH, decider.initialState());
    }
}
