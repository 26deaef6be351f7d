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
 * null unless compensation started; {@code refused}, the last refusal of a step that compensation
 * does not answer (null if none), and {@code stuck}, why the saga is parked (null unless it is).
 * {@code steps} is every command sent, in order, each once;
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
        String refused,
        String stuck,
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
                false, false, false, false, null, null, null, List.of(), List.of());
    }

    public FulfilmentStatus status() {
        FulfilmentStatus flow = flowStatus();
        return stuck != null && !flow.isTerminal() ? FulfilmentStatus.STUCK : flow;
    }

    /** Where the flow stands, parked or not. */
    public FulfilmentStatus flowStatus() {
        if (shipped) {
            // Shipped, and its stock committed line by line after that: done once none is held.
            boolean allCommitted = order == null || order.lines().stream().allMatch(line -> committed.contains(line.sku()));
            return allCommitted ? FulfilmentStatus.COMPLETED : FulfilmentStatus.SHIPPING;
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
                refunded, shipmentCreated, shipped, cancelled, reason, refused, stuck, steps, due);
    }

    FulfilmentState placed(OrderPlaced placed) {
        return order != null ? this : new FulfilmentState(orderId, placed, reserved, released, committed, charge,
                refunded, shipmentCreated, shipped, cancelled, reason, refused, stuck, steps, due);
    }

    FulfilmentState reservedSku(String sku) {
        return new FulfilmentState(orderId, order, Immutables.plus(reserved, sku), released, committed, charge,
                refunded, shipmentCreated, shipped, cancelled, reason, refused, stuck, steps, due);
    }

    FulfilmentState releasedSku(String sku) {
        return new FulfilmentState(orderId, order, reserved, Immutables.plus(released, sku), committed, charge,
                refunded, shipmentCreated, shipped, cancelled, reason, refused, stuck, steps, due);
    }

    FulfilmentState committedSku(String sku) {
        return new FulfilmentState(orderId, order, reserved, released, Immutables.plus(committed, sku), charge,
                refunded, shipmentCreated, shipped, cancelled, reason, refused, stuck, steps, due);
    }

    FulfilmentState charged(PaymentCharged charged) {
        return charge != null ? this : new FulfilmentState(orderId, order, reserved, released, committed, charged,
                refunded, shipmentCreated, shipped, cancelled, reason, refused, stuck, steps, due);
    }

    FulfilmentState refundedPayment() {
        return new FulfilmentState(orderId, order, reserved, released, committed, charge,
                true, shipmentCreated, shipped, cancelled, reason, refused, stuck, steps, due);
    }

    FulfilmentState createdShipment() {
        return new FulfilmentState(orderId, order, reserved, released, committed, charge,
                refunded, true, shipped, cancelled, reason, refused, stuck, steps, due);
    }

    FulfilmentState shippedOrder() {
        return new FulfilmentState(orderId, order, reserved, released, committed, charge,
                refunded, shipmentCreated, true, cancelled, reason, refused, stuck, steps, due);
    }

    FulfilmentState cancelledOrder() {
        return new FulfilmentState(orderId, order, reserved, released, committed, charge,
                refunded, shipmentCreated, shipped, true, reason, refused, stuck, steps, due);
    }

    FulfilmentState refusedStep(String refusal) {
        return new FulfilmentState(orderId, order, reserved, released, committed, charge,
                refunded, shipmentCreated, shipped, cancelled, reason, refusal, stuck, steps, due);
    }

    /** Parked: no input it waits for came before its deadline, and it has nothing left to undo it with. */
    FulfilmentState parked(String why) {
        return new FulfilmentState(orderId, order, reserved, released, committed, charge,
                refunded, shipmentCreated, shipped, cancelled, reason, refused, why, steps, due);
    }

    /** Moving again: an awaited input came after all. */
    FulfilmentState unparked() {
        return stuck == null ? this : parked(null);
    }

    /** Compensation starts once, for the first reason; later reasons change nothing. */
    FulfilmentState compensating(String why) {
        return reason != null ? this : new FulfilmentState(orderId, order, reserved, released, committed, charge,
                refunded, shipmentCreated, shipped, cancelled, why, refused, stuck, steps, due);
    }

    FulfilmentState sending(List<FulfilmentCommand> commands) {
        return new FulfilmentState(orderId, order, reserved, released, committed, charge, refunded,
                shipmentCreated, shipped, cancelled, reason, refused, stuck,
                Stream.concat(steps.stream(), commands.stream()).toList(), commands);
    }
}
