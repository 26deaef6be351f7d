package io.eventline.projection.readmodel.sales;

import io.eventline.schemas.avro.readmodel.StoredDailySales;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link StoredDailySales} as JSON. */
public final class DailySalesMapping {

    private DailySalesMapping() {}

    /** The JSON of GET /readmodels/daily-sales/{day}/{currency}. */
    public static Map<String, Object> json(StoredDailySales s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("day", s.getDay());
        json.put("currency", s.getCurrency());
        json.put("orders", s.getOrders());
        json.put("revenue", s.getRevenue());
        json.put("updatedAt", s.getUpdatedAt());
        return json;
    }
}
