package io.eventline.projection.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.inventory.InventoryEvent.StockAdded;
import io.eventline.domain.inventory.InventoryEvent.StockCommitted;
import io.eventline.domain.inventory.InventoryEvent.StockReleased;
import io.eventline.domain.inventory.InventoryEvent.StockReservationFailed;
import io.eventline.domain.inventory.InventoryEvent.StockReserved;
import io.eventline.domain.inventory.InventoryState;
import io.eventline.projection.readmodel.stock.StockLevelMapping;
import io.eventline.projection.readmodel.stock.StockLevelModule;
import io.eventline.schemas.avro.readmodel.StoredStockLevel;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StockLevelTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");

    @TempDir
    Path stateDir;
    ReadModelDriver driver;
    AggregateType<InventoryCommand, InventoryState, InventoryEvent> inventory;

    @BeforeEach
    void start() {
        driver = new ReadModelDriver(new StockLevelModule(), stateDir);
        inventory = Aggregates.inventory(driver.registry);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void tracks_on_hand_reserved_and_available_with_the_skus_version_and_last_event_time() {
        driver.event(inventory, "SKU-1", 1, T0, new StockAdded("SKU-1", 10));
        driver.event(inventory, "SKU-1", 2, T0.plusSeconds(1), new StockReserved("SKU-1", "o1", 3));
        driver.event(inventory, "SKU-1", 3, T0.plusSeconds(2), new StockReserved("SKU-1", "o2", 4));
        driver.event(inventory, "SKU-1", 4, T0.plusSeconds(3), new StockReleased("SKU-1", "o2", 4));
        driver.event(inventory, "SKU-1", 5, T0.plusSeconds(4), new StockCommitted("SKU-1", "o1", 3));
        driver.event(inventory, "SKU-1", 6, T0.plusSeconds(5), new StockReserved("SKU-1", "o3", 2));

        StoredStockLevel level = level("SKU-1");
        assertThat(level.getSku()).isEqualTo("SKU-1");
        assertThat(level.getOnHand()).isEqualTo(7);
        assertThat(level.getReserved()).isEqualTo(2);
        assertThat(StockLevelMapping.json(level)).containsEntry("available", 5L);
        assertThat(level.getVersion()).isEqualTo(6);
        assertThat(level.getUpdatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void a_failed_reservation_moves_only_the_version() {
        driver.event(inventory, "SKU-1", 1, T0, new StockAdded("SKU-1", 1));
        driver.event(inventory, "SKU-1", 2, T0.plusSeconds(1), new StockReservationFailed("SKU-1", "o1", 5, "INSUFFICIENT_STOCK"));

        StoredStockLevel level = level("SKU-1");
        assertThat(level.getOnHand()).isEqualTo(1);
        assertThat(level.getReserved()).isZero();
        assertThat(level.getVersion()).isEqualTo(2);
    }

    @Test
    void replayed_events_of_any_sku_change_nothing_while_skus_interleave() {
        driver.event(inventory, "SKU-1", 1, T0, new StockAdded("SKU-1", 10));
        driver.event(inventory, "SKU-2", 1, T0, new StockAdded("SKU-2", 4));
        driver.event(inventory, "SKU-1", 2, T0.plusSeconds(1), new StockReserved("SKU-1", "o1", 3));
        driver.event(inventory, "SKU-1", 1, T0, new StockAdded("SKU-1", 10));
        driver.event(inventory, "SKU-2", 1, T0, new StockAdded("SKU-2", 4));
        driver.event(inventory, "SKU-1", 2, T0.plusSeconds(1), new StockReserved("SKU-1", "o1", 3));

        assertThat(level("SKU-1").getOnHand()).isEqualTo(10);
        assertThat(level("SKU-1").getReserved()).isEqualTo(3);
        assertThat(level("SKU-1").getVersion()).isEqualTo(2);
        assertThat(level("SKU-2").getOnHand()).isEqualTo(4);
        assertThat(level("SKU-2").getVersion()).isEqualTo(1);
    }

    private StoredStockLevel level(String sku) {
        return driver.get(StockLevelModule.STORE, sku);
    }
}
