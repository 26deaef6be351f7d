package io.eventline.schemas.evolution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * What the upcasters do to data of one writer schema. {@link #resultSchema()} is the writer
 * schema with each upcast type replaced by its later version; Avro then resolves it to the
 * reader's schema as usual. Immutable once built, so one plan serves every thread.
 */
public final class UpcastPlan {
    private final UpcasterChain chain;
    private final Map<Schema, Schema> rewritten = new IdentityHashMap<>();
    private final Map<Schema, Upcaster> upcasterAt = new IdentityHashMap<>();
    private final Schema resultSchema;

    UpcastPlan(Schema writer, UpcasterChain chain) {
        this.chain = chain;
        this.resultSchema = rewrite(writer);
    }

    /** False when no upcaster applies, so the record can be read with Avro's resolution alone. */
    public boolean changesAnything() {
        return !upcasterAt.isEmpty();
    }

    public Schema resultSchema() {
        return resultSchema;
    }

    /** Upcasts a datum read with the writer schema; its result conforms to {@link #resultSchema()}. */
    public Object apply(Schema writer, Object datum) {
        Upcaster upcaster = upcasterAt.get(writer);
        if (upcaster != null) {
            return apply(upcaster.to(), upcaster.upcast((GenericRecord) datum));
        }
        Schema target = rewritten.get(writer);
        if (target == writer || target == null) {
            return datum; // nothing below this point changes
        }
        return switch (writer.getType()) {
            case RECORD -> {
                GenericRecord in = (GenericRecord) datum;
                GenericData.Record out = new GenericData.Record(target);
                for (Schema.Field field : writer.getFields()) {
                    out.put(field.pos(), apply(field.schema(), in.get(field.pos())));
                }
                yield out;
            }
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (Collection<?>) datum) {
                    items.add(apply(writer.getElementType(), item));
                }
                yield new GenericData.Array<>(target, items);
            }
            case MAP -> {
                Map<Object, Object> values = new LinkedHashMap<>();
                ((Map<?, ?>) datum).forEach((k, v) -> values.put(k, apply(writer.getValueType(), v)));
                yield values;
            }
            case UNION -> apply(writer.getTypes().get(GenericData.get().resolveUnion(writer, datum)), datum);
            default -> datum;
        };
    }

    private Schema rewrite(Schema schema) {
        Schema done = rewritten.get(schema);
        if (done != null) {
            return done;
        }
        rewritten.put(schema, schema); // provisional, so a recursive type ends the walk
        Schema result = switch (schema.getType()) {
            case RECORD -> rewriteRecord(schema);
            case ARRAY -> {
                Schema items = rewrite(schema.getElementType());
                yield items == schema.getElementType() ? schema : withProps(schema, Schema.createArray(items));
            }
            case MAP -> {
                Schema values = rewrite(schema.getValueType());
                yield values == schema.getValueType() ? schema : withProps(schema, Schema.createMap(values));
            }
            case UNION -> {
                List<Schema> branches = schema.getTypes().stream().map(this::rewrite).toList();
                boolean same = true;
                for (int i = 0; i < branches.size(); i++) {
                    same &= branches.get(i) == schema.getTypes().get(i);
                }
                yield same ? schema : Schema.createUnion(branches);
            }
            default -> schema;
        };
        rewritten.put(schema, result);
        return result;
    }

    private Schema rewriteRecord(Schema record) {
        Upcaster upcaster = chain.readerOf(record);
        if (upcaster != null) {
            upcasterAt.put(record, upcaster);
            return rewrite(upcaster.to()); // the later version may itself have an upcaster
        }
        List<Schema.Field> fields = new ArrayList<>();
        boolean changed = false;
        for (Schema.Field field : record.getFields()) {
            Schema type = rewrite(field.schema());
            changed |= type != field.schema();
            fields.add(new Schema.Field(field, type));
        }
        if (!changed) {
            return record;
        }
        Schema copy = Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), record.isError(), fields);
        record.getAliases().forEach(copy::addAlias);
        return withProps(record, copy);
    }

    private static Schema withProps(Schema from, Schema to) {
        from.getObjectProps().forEach(to::addProp);
        return to;
    }
}
