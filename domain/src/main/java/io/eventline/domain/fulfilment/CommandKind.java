package io.eventline.domain.fulfilment;

/** The kinds of command the fulfilment saga sends, so that a refusal can say which one it was. */
public enum CommandKind {
    RESERVE_STOCK, CHARGE_PAYMENT, CONFIRM_ORDER, CREATE_SHIPMENT, SHIP_ORDER,
    COMMIT_STOCK, RELEASE_STOCK, REFUND_PAYMENT, CANCEL_ORDER
}
