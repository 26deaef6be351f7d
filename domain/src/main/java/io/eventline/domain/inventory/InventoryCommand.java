package io.eventline.domain.inventory;

/** What can be asked of one sku's stock. The aggregate id is the sku. */
public sealed interface InventoryCommand {

    String sku();

    default String aggregateId() {
        return sku();
    }

    record AddStock(String sku, int quantity) implements InventoryCommand {
    }

    record ReserveStock(String sku, String orderId, int quantity) implements InventoryCommand {
    }

    record ReleaseStock(String sku, String orderId) implements InventoryCommand {
    }

    record CommitStock(String sku, String orderId) implements InventoryCommand {
    }
}
