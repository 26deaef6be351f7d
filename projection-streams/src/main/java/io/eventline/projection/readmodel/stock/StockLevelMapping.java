package io.eventline.projection.readmodel.stock;

import io.eventline.contracts.EventEnvelope;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.inventory.StockLevel;
import io.eventline.domain.inventory.StockLevelView;
import io.eventline.projection.readmodel.VersionedFold;
import io.eventline.schemas.avro.readmodel.StoredStockLevel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link StockLevelView} over {@link StoredStockLevel}, with the sku's version and the time of its last event. */
public final class StockLevelMapping implements VersionedFold<InventoryEvent, StoredStockLevel> {

    private final StockLevelView view = new StockLevelView();

    @Override
    public StoredStockLevel initial(String sku) {
        StockLevel none = view.initialState();
        return new StoredStockLevel(sku, 0L, none.onHand(), none.reserved(), Instant.EPOCH);
    }

    @Override
    public long version(StoredStockLevel stored) {
        return stored.getVersion();
    }

    @Override
    public StoredStockLevel apply(StoredStockLevel stored, EventEnvelope<InventoryEvent> event) {
        StockLevel next = view.evolve(new StockLevel(stored.getOnHand(), stored.getReserved()), event.event());
        return new StoredStockLevel(stored.getSku(), event.metadata().version(), next.onHand(), next.reserved(),
                event.metadata().occurredAt());
    }

    /** The JSON of GET /readmodels/stock/{sku}. */
    public static Map<String, Object> json(StoredStockLevel s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sku", s.getSku());
        json.put("onHand", s.getOnHand());
        json.put("reserved", s.getReserved());
        json.put("available", new StockLevel(s.getOnHand(), s.getReserved()).available());
        json.put("version", s.getVersion());
        json.put("updatedAt", s.getUpdatedAt());
        return json;
    }
}
