package io.eventline.schemas.evolution;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The upcasters a deserializer applies on read, keyed by the writer schema of the type each one
 * reads (its parsing fingerprint: docs and defaults do not change what bytes mean). V1 to V2 and
 * V2 to V3 chain: a record goes through every step until no upcaster reads its schema.
 */
public final class UpcasterChain {
    private final Map<Long, Upcaster> byFrom;

    private UpcasterChain(Map<Long, Upcaster> byFrom) {
        this.byFrom = Collections.unmodifiableMap(byFrom);
    }

    /** Every upcaster this module ships; what {@code AvroSerde} uses unless told otherwise. */
    public static UpcasterChain defaults() {
        return Defaults.CHAIN;
    }

    public static UpcasterChain none() {
        return of();
    }

    public static UpcasterChain of(Upcaster... upcasters) {
        Map<Long, Upcaster> byFrom = new HashMap<>();
        for (Upcaster upcaster : upcasters) {
            if (!upcaster.from().getFullName().equals(upcaster.to().getFullName())) {
                throw new IllegalArgumentException(upcaster + " must keep the type's name: "
                        + upcaster.from().getFullName() + " -> " + upcaster.to().getFullName());
            }
            if (byFrom.put(SchemaNormalization.parsingFingerprint64(upcaster.from()), upcaster) != null) {
                throw new IllegalArgumentException("Two upcasters read the same schema of " + upcaster.from().getFullName());
            }
        }
        return new UpcasterChain(byFrom);
    }

    /** How to read data written with {@code writer}: compute once per writer schema, apply per record. */
    public UpcastPlan planFor(Schema writer) {
        return new UpcastPlan(writer, this);
    }

    Upcaster readerOf(Schema record) {
        return byFrom.isEmpty() ? null : byFrom.get(SchemaNormalization.parsingFingerprint64(record));
    }

    /** Built on first use: the upcasters parse their schemas from schema-history once. */
    private static final class Defaults {
        static final UpcasterChain CHAIN = of(new OrderPlacedV1ToV2());
    }
}
