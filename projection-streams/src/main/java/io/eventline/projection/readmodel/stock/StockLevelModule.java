package io.eventline.projection.readmodel.stock;

import io.eventline.contracts.mapping.Aggregates;
import io.eventline.projection.readmodel.AggregateView;
import io.eventline.projection.readmodel.AggregateViewModule;
import io.eventline.schemas.avro.readmodel.StoredStockLevel;
import io.eventline.domain.inventory.InventoryEvent;
import java.time.Duration;

/** Stock levels by sku: inventory events → {@link StockLevelMapping} → store "stock-levels". */
public final class StockLevelModule extends AggregateViewModule<InventoryEvent, StoredStockLevel> {

    public static final AggregateView<InventoryEvent, StoredStockLevel> VIEW = new AggregateView<>("stock-levels", "stock level", "inventory",
            Aggregates::inventory, StoredStockLevel.class, new StockLevelMapping(), StockLevelMapping::json, StoredStockLevel::getVersion,
            "/readmodels/stock", "sku");
    public static final String NAME = VIEW.name();
    public static final String STORE = VIEW.name();

    public StockLevelModule() {
        this(MIN_VERSION_WAIT);
    }

    /** @param minVersionWait how long a query with {@code minVersion} may wait for the read model to catch up */
    public StockLevelModule(Duration minVersionWait) {
        super(VIEW, minVersionWait);
    }
}
