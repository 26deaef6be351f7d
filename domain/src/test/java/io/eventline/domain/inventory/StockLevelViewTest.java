package io.eventline.domain.inventory;

import static io.eventline.domain.testing.ViewSpec.fold;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.domain.inventory.InventoryEvent.StockAdded;
import io.eventline.domain.inventory.InventoryEvent.StockCommitted;
import io.eventline.domain.inventory.InventoryEvent.StockReleased;
import io.eventline.domain.inventory.InventoryEvent.StockReservationFailed;
import io.eventline.domain.inventory.InventoryEvent.StockReserved;
import org.junit.jupiter.api.Test;

class StockLevelViewTest {

    final StockLevelView view = new StockLevelView();

    @Test
    void shows_stock_on_hand_reserved_and_available() {
        StockLevel level = fold(view, new StockAdded("S", 10), new StockReserved("S", "o1", 3),
                new StockReserved("S", "o2", 2), new StockReservationFailed("S", "o3", 9, "INSUFFICIENT_STOCK"));
        assertThat(level).isEqualTo(new StockLevel(10, 5));
        assertThat(level.available()).isEqualTo(5);
    }

    @Test
    void gives_released_stock_back_and_takes_committed_stock_off_hand() {
        StockLevel level = fold(view, new StockAdded("S", 10), new StockReserved("S", "o1", 3),
                new StockReserved("S", "o2", 2), new StockReleased("S", "o1", 3), new StockCommitted("S", "o2", 2));
        assertThat(level).isEqualTo(new StockLevel(8, 0));
        assertThat(level.available()).isEqualTo(8);
    }
}
