package io.eventline.domain.inventory;

import io.eventline.domain.core.View;
import io.eventline.domain.inventory.InventoryEvent.StockAdded;
import io.eventline.domain.inventory.InventoryEvent.StockCommitted;
import io.eventline.domain.inventory.InventoryEvent.StockReleased;
import io.eventline.domain.inventory.InventoryEvent.StockReservationFailed;
import io.eventline.domain.inventory.InventoryEvent.StockReserved;

/** Stock levels, keyed by sku. */
public final class StockLevelView implements View<StockLevel, InventoryEvent> {

    @Override
    public StockLevel initialState() {
        return new StockLevel(0, 0);
    }

    @Override
    public StockLevel evolve(StockLevel level, InventoryEvent event) {
        return switch (event) {
            case StockAdded added -> new StockLevel(Math.addExact(level.onHand(), added.quantity()), level.reserved());
            case StockReserved reserved -> new StockLevel(level.onHand(), Math.addExact(level.reserved(), reserved.quantity()));
            case StockReservationFailed failed -> level;
            case StockReleased released -> new StockLevel(level.onHand(), level.reserved() - released.quantity());
            // Committed units leave the warehouse: they are neither on hand nor reserved any more.
            case StockCommitted committed -> new StockLevel(
                    level.onHand() - committed.quantity(), level.reserved() - committed.quantity());
        };
    }
}
