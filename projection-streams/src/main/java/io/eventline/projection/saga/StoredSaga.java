package io.eventline.projection.saga;

import io.eventline.domain.fulfilment.FulfilmentEvent;
import io.eventline.domain.fulfilment.FulfilmentState;
import io.eventline.domain.fulfilment.OrderFulfilment;
import java.time.Instant;
import java.util.Optional;

/**
 * What the saga store keeps per order: the process manager's state, the order's correlation id
 * (every command the saga sends carries it) and the pending deadline, if one is.
 */
public record StoredSaga(FulfilmentState state, Optional<String> correlationId, Optional<Instant> deadline) {

    static StoredSaga initial(OrderFulfilment saga) {
        return new StoredSaga(saga.initialState(), Optional.empty(), Optional.empty());
    }

    /**
     * The correlation id after {@code input}: OrderPlaced's is the order's own; until it is seen, the
     * first input's stands in (the saga's commands carry the order's, so theirs is the same anyway).
     */
    Optional<String> correlationAfter(SagaInput input) {
        return input.event() instanceof FulfilmentEvent.OrderPlaced && input.correlationId().isPresent()
                ? input.correlationId()
                : correlationId.or(input::correlationId);
    }
}
