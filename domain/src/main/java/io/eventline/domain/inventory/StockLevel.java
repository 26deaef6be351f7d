package io.eventline.domain.inventory;

/** One sku's stock level in units; {@link #available()} is what a new order can still reserve. */
public record StockLevel(long onHand, long reserved) {

    public long available() {
        return onHand - reserved;
    }
}
