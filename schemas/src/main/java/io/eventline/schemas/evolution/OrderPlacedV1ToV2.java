package io.eventline.schemas.evolution;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * OrderPlaced V1 wrote each line's unitPrice as a decimal string ("12.50") and had no currency;
 * V2 has exact minor units (1250) and a currency. The currency alone Avro could default, but no
 * schema resolution turns a string into a long, and the amount depends on the currency's minor
 * digits: so this upcaster carries the value. V1 orders were all in the currency V2 defaults to.
 */
public final class OrderPlacedV1ToV2 implements Upcaster {
    public static final String TYPE = "io.eventline.schemas.avro.order.OrderPlaced";

    private final Schema from = SchemaHistory.version(TYPE, 1);
    private final Schema to = SchemaHistory.version(TYPE, 2);
    private final Schema lineV2 = to.getField("lines").schema().getElementType();
    // The schema's default is the single source of the V1 currency, so the two cannot disagree.
    private final String v1Currency = to.getField("currency").defaultVal().toString();

    @Override
    public Schema from() {
        return from;
    }

    @Override
    public Schema to() {
        return to;
    }

    @Override
    public GenericRecord upcast(GenericRecord old) {
        List<GenericRecord> lines = new ArrayList<>();
        for (Object item : (List<?>) old.get("lines")) {
            GenericRecord line = (GenericRecord) item;
            GenericData.Record upcast = new GenericData.Record(lineV2);
            upcast.put("sku", line.get("sku"));
            upcast.put("quantity", line.get("quantity"));
            upcast.put("unitPrice", minorUnits(line.get("unitPrice").toString(), v1Currency));
            lines.add(upcast);
        }
        GenericData.Record placed = new GenericData.Record(to);
        placed.put("orderId", old.get("orderId"));
        placed.put("customerId", old.get("customerId"));
        placed.put("lines", new GenericData.Array<>(to.getField("lines").schema(), lines));
        placed.put("currency", v1Currency);
        return placed;
    }

    /** "12.50" EUR is 1250; "12.505" is refused rather than rounded, since money must stay exact. */
    static long minorUnits(String decimal, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        try {
            return new BigDecimal(decimal.strip()).movePointRight(digits).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("V1 unitPrice \"" + decimal + "\" is not an exact amount of " + currency, e);
        }
    }

    @Override
    public String toString() {
        return "OrderPlacedV1ToV2";
    }
}
