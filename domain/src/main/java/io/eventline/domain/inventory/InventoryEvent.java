package io.eventline.domain.inventory;

/** What happened to one sku's stock. The aggregate id is the sku. */
public sealed interface InventoryEvent {

    String sku();

    default String aggregateId() {
        return sku();
    }

    record StockAdded(String sku, int quantity) implements InventoryEvent {
    }

    record StockReserved(String sku, String orderId, int quantity) implements InventoryEvent {
    }

    /** A reservation that did not fit: an event, because the fulfilment saga must react to it. */
    record StockReservationFailed(String sku, String orderId, int quantity, String reason) implements InventoryEvent {
    }

    record StockReleased(String sku, String orderId, int quantity) implements InventoryEvent {
    }

    record StockCommitted(String sku, String orderId, int quantity) implements InventoryEvent {
    }
}
