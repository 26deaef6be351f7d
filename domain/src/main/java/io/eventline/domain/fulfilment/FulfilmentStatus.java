package io.eventline.domain.fulfilment;

/** Where an order's fulfilment stands. */
public enum FulfilmentStatus {
    /** Inputs may have arrived, but not the OrderPlaced that starts the flow. */
    AWAITING_ORDER,
    /** Stock reservations and the payment are asked for; not all have succeeded yet. */
    RESERVING,
    /** Confirmed; the shipment is asked for. */
    AWAITING_SHIPMENT,
    /** The shipment exists; the order is being shipped, then its stock committed. */
    SHIPPING,
    /** The order shipped and its stock is committed. */
    COMPLETED,
    /** Undoing: releasing reservations, refunding the charge, cancelling the order. */
    COMPENSATING,
    /**
     * Compensation is done: the order is cancelled (or was never placed) and nothing is held for it. A reservation
     * or charge that still lands afterwards (it raced the cancellation) turns the saga back to
     * {@link #COMPENSATING} until that too is undone.
     */
    CANCELLED,
    /**
     * Parked: a deadline passed while the saga could no longer compensate (confirmed, or compensating
     * already), waiting for an input that did not come (a step refused, or failing). It sends nothing
     * more on its own; an awaited input that still arrives moves it on. An operator must look.
     */
    STUCK;

    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
