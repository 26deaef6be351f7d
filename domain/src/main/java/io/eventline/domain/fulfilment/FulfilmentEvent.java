package io.eventline.domain.fulfilment;

import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.shipment.ShipmentEvent;

/**
 * What the fulfilment saga reacts to, all keyed by orderId: the aggregates' events that concern an
 * order, the refusal of a command the saga sent, and its deadline.
 */
public sealed interface FulfilmentEvent {

    String orderId();

    record OrderPlaced(OrderEvent.OrderPlaced event) implements FulfilmentEvent {
        public String orderId() { return event.orderId(); }
    }

    record OrderShipped(OrderEvent.OrderShipped event) implements FulfilmentEvent {
        public String orderId() { return event.orderId(); }
    }

    record OrderCancelled(OrderEvent.OrderCancelled event) implements FulfilmentEvent {
        public String orderId() { return event.orderId(); }
    }

    record StockReserved(InventoryEvent.StockReserved event) implements FulfilmentEvent {
        public String orderId() { return event.orderId(); }
    }

    record StockReservationFailed(InventoryEvent.StockReservationFailed event) implements FulfilmentEvent {
        public String orderId() { return event.orderId(); }
    }

    record StockReleased(InventoryEvent.StockReleased event) implements FulfilmentEvent {
        public String orderId() { return event.orderId(); }
    }

    record StockCommitted(InventoryEvent.StockCommitted event) implements FulfilmentEvent {
        public String orderId() { return event.orderId(); }
    }

    record PaymentCharged(AccountEvent.PaymentCharged event) implements FulfilmentEvent {
        public String orderId() { return event.orderId(); }
    }

    record PaymentDeclined(AccountEvent.PaymentDeclined event) implements FulfilmentEvent {
        public String orderId() { return event.orderId(); }
    }

    record PaymentRefunded(AccountEvent.PaymentRefunded event) implements FulfilmentEvent {
        public String orderId() { return event.orderId(); }
    }

    record ShipmentCreated(ShipmentEvent.ShipmentCreated event) implements FulfilmentEvent {
        public String orderId() { return event.orderId(); }
    }

    /** A command this saga sent was refused with {@code code}; it caused no event. */
    record CommandRejected(String orderId, CommandKind commandKind, String code) implements FulfilmentEvent {
    }

    /** The saga's deadline passed; the caller raises it, as the domain reads no clock. */
    record DeadlinePassed(String orderId) implements FulfilmentEvent {
    }
}
