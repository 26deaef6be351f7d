package io.eventline.domain.fulfilment;

import io.eventline.domain.account.AccountEvent.PaymentCharged;
import io.eventline.domain.core.Immutables;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one order's fulfilment knows, and what it did about it.
 *
 * <p>Facts, whatever order they arrived in: the order as placed ({@code order}, null until seen), the
 * skus reserved, released and committed for it, the charge (null until seen) and whether it was
 * refunded, whether the shipment exists, the order shipped, the order cancelled; and {@code reason},
 * null unless compensation started. {@code steps} is every command sent, in order, each once;
 * {@code due} is the part of it the last input caused, which {@link OrderFulfilment#react} returns.
 * {@link #status()} derives from the rest, so it can never disagree with it.
 */
public record FulfilmentState(
        String orderId,
        OrderPlaced order,
        Set<String> reserved,
        Set<String> released,
        Set<String> committed,
        PaymentCharged charge,
        boolean refunded,
        boolean shipmentCreated,
        boolean shipped,
        boolean cancelled,
        String reason,
        List<FulfilmentCommand> steps,
        List<FulfilmentCommand> due) {

    public FulfilmentState {
        reserved = Immutables.sortedSet(reserved);
        released = Immutables.sortedSet(released);
        committed = Immutables.sortedSet(committed);
        steps = List.copyOf(steps);
        due = List.copyOf(due);
    }

    static FulfilmentState initial() {
        return new FulfilmentState(null, null, Set.of(), Set.of(), Set.of(), null,
                false, false, false, false, null, List.of(), List.of());
    }

    public FulfilmentStatus status() {
        if (shipped) {
            return FulfilmentStatus.COMPLETED;
        }
        if (reason != null) {
            boolean awaitingCancellation = order != null && !cancelled;
            return holdsAnything() || awaitingCancellation ? FulfilmentStatus.COMPENSATING : FulfilmentStatus.CANCELLED;
        }
        if (order == null) {
            return FulfilmentStatus.AWAITING_ORDER;
        }
        if (!confirmed()) {
            return FulfilmentStatus.RESERVING;
        }
        return shipmentCreated ? FulfilmentStatus.SHIPPING : FulfilmentStatus.AWAITING_SHIPMENT;
    }

    /** Whether the saga asked for the confirmation: after that only the order's own cancellation compensates. */
    public boolean confirmed() {
        return steps.stream().anyMatch(FulfilmentCommand.ConfirmOrder.class::isInstance);
    }

    /** The skus still reserved for the order: neither released nor committed. */
    public Set<String> held() {
        return Immutables.sortedSet(reserved.stream()
                .filter(sku -> !released.contains(sku) && !committed.contains(sku))
                .collect(Collectors.toSet()));
    }

    public boolean holdsAnything() {
        return !held().isEmpty() || (charge != null && !refunded);
    }

    FulfilmentState identified(String id) {
        return orderId != null ? this : new FulfilmentState(id, order, reserved, released, committed, charge,
                refunded, shipmentCreated, shipped, cancelled, reason, steps, due);
    }

    FulfilmentState placed(OrderPlaced placed) {
        return order != null ? this : new FulfilmentState(orderId, placed, reserved, released, committed, charge,
                refunded, shipmentCreated, shipped, cancelled, reason, steps, due);
    }

    FulfilmentState reservedSku(String sku) {
        return new FulfilmentState(orderId, order, Immutables.plus(reserved, sku), released, committed, charge,
                refunded, shipmentCreated, shipped, cancelled, reason, steps, due);
    }

    FulfilmentState releasedSku(String sku) {
        return new FulfilmentState(orderId, order, reserved, Immutables.plus(released, sku), committed, charge,
                refunded, shipmentCreated, shipped, cancelled, reason, steps, due);
    }

    FulfilmentState committedSku(String sku) {
        return new FulfilmentState(orderId, order, reserved, released, Immutables.plus(committed, sku), charge,
                refunded, shipmentCreated, shipped, cancelled, reason, steps, due);
    }

    FulfilmentState charged(PaymentCharged charged) {
        return charge != null ? this : new FulfilmentState(orderId, order, reserved, released, committed, charged,
                refunded, shipmentCreated, shipped, cancelled, reason, steps, due);
    }

    FulfilmentState refundedPayment() {
        return new FulfilmentState(orderId, order, reserved, released, committed, charge,
                true, shipmentCreated, shipped, cancelled, reason, steps, due);
    }

    FulfilmentState createdShipment() {
        return new FulfilmentState(orderId, order, reserved, released, committed, charge,
                refunded, true, shipped, cancelled, reason, steps, due);
    }

    FulfilmentState shippedOrder() {
        return new FulfilmentState(orderId, order, reserved, released, committed, charge,
                refunded, shipmentCreated, true, cancelled, reason, steps, due);
    }

    FulfilmentState cancelledOrder() {
        return new FulfilmentState(orderId, order, reserved, released, committed, charge,
                refunded, shipmentCreated, shipped, true, reason, steps, due);
    }

    /** Compensation starts once, for the first reason; later reasons change nothing. */
    FulfilmentState compensating(String why) {
        return reason != null ? this : new FulfilmentState(orderId, order, reserved, released, committed, charge,
                refunded, shipmentCreated, shipped, cancelled, why, steps, due);
    }

    FulfilmentState sending(List<FulfilmentCommand> commands) {
        return new FulfilmentState(orderId, order, reserved, released, committed, charge, refunded,
                shipmentCreated, shipped, cancelled, reason,
                Stream.concat(steps.stream(), commands.stream()).toList(), commands);
    }
}
