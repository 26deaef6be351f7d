package io.eventline.projection.saga;

import io.eventline.domain.fulfilment.FulfilmentCommand;
import io.eventline.domain.fulfilment.FulfilmentState;
import io.eventline.domain.fulfilment.OrderFulfilment;
import java.time.Instant;
import java.util.List;

/**
 * One order's saga as GET /sagas/order-fulfilment/{orderId} shows it.
 *
 * @param steps    every command sent, in order
 * @param reserved the skus reserved for the order (released or committed ones included)
 * @param reason   why compensation started; null unless it did
 * @param refused  the last refusal of a later step ("SHIP_ORDER refused: PROCESSING_FAILED"); null if none
 * @param stuck    why the saga is parked (status STUCK): what it waited for when its deadline passed; null unless it is
 * @param deadline when the pending deadline falls due; null when none is pending
 */
public record SagaView(String orderId, String status, List<Step> steps, List<String> reserved, boolean charged,
                       boolean refunded, String reason, String refused, String stuck, Instant deadline, boolean terminal) {

    /** A command the saga sent: its kind and the id of the aggregate it went to. */
    public record Step(String kind, String target) {
        static Step of(FulfilmentCommand command) {
            return new Step(command.kind().name(), command.aggregateId());
        }
    }

    static SagaView of(StoredSaga saga, OrderFulfilment pm) {
        FulfilmentState s = saga.state();
        return new SagaView(s.orderId(), s.status().name(), s.steps().stream().map(Step::of).toList(),
                List.copyOf(s.reserved()), s.charge() != null, s.refunded(), s.reason(), s.refused(), s.stuck(),
                saga.deadline().orElse(null), pm.isTerminal(s));
    }
}
