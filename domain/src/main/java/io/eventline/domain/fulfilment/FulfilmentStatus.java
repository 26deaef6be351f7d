package io.eventline.domain.fulfilment;

/** Where an order's fulfilment stands. */
public enum FulfilmentStatus {
    /** Inputs may have arrived, but not the OrderPlaced that starts the flow. */
    AWAITING_ORDER,
    /** Stock reservations and the payment are asked for; not all have succeeded yet. */
    RESERVING,
    /** Confirmed; the shipment is asked for. */
    AWAITING_SHIPMENT,
    /** The shipment exists; the order is being shipped and its stock committed. */
    SHIPPING,
    /** The order shipped. */
    COMPLETED,
    /** Undoing: releasing reservations, refunding the charge, cancelling the order. */
    COMPENSATING,
    /**
     * Compensation is done: the order is cancelled (or was never placed) and nothing is held for it. A reservation
     * or charge that still lands afterwards (it raced the cancellation) turns the saga back to
     * {@link #COMPENSATING} until that too is undone.
     */
    CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
