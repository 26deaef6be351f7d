package io.eventline.schemas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Random instances of generated classes, driven by their schemas; a fixed seed makes a failure repeatable. */
public final class RandomRecords {
    private static final String ALPHABET = "abcXYZ019-_ éß€漢😀";
    private final Random random;

    public RandomRecords(long seed) {
        AvroTrust.ensure(); // newRecord loads generated classes by name, which Avro refuses unless trusted
        this.random = new Random(seed);
    }

    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> T next(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        return (T) value(model, model.getSchema(type));
    }

    private Object value(SpecificData model, Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
                schema.getFields().forEach(f -> record.put(f.pos(), value(model, f.schema())));
                yield record;
            }
            case ENUM -> model.createEnum(schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())), schema);
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(value(model, schema.getElementType()));
                }
                yield items;
            }
            case MAP -> {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    values.put(string(), value(model, schema.getValueType()));
                }
                yield values;
            }
            case UNION -> value(model, schema.getTypes().get(random.nextInt(schema.getTypes().size())));
            case STRING -> string();
            case INT -> random.nextInt();
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? Instant.ofEpochMilli(random.nextLong(-62_135_596_800_000L, 253_402_300_799_999L))
                    : random.nextLong();
            case BOOLEAN -> random.nextBoolean();
            case DOUBLE -> random.nextDouble();
            case FLOAT -> random.nextFloat();
            case NULL -> null;
            case BYTES -> {
                byte[] bytes = new byte[random.nextInt(16)];
                random.nextBytes(bytes);
                yield java.nio.ByteBuffer.wrap(bytes);
            }
            default -> throw new IllegalArgumentException("no generator for " + schema);
        };
    }

    private String string() {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            s.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return s.toString();
    }
}
