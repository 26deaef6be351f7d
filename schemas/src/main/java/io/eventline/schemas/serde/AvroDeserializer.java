package io.eventline.schemas.serde;

import io.eventline.schemas.AvroTrust;
import io.eventline.schemas.evolution.UpcasterChain;
import io.eventline.schemas.registry.BackwardCompatibility;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.registry.UnknownSchemaException;
import io.eventline.schemas.serde.UndecodableRecordException.Reason;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent's wire format into a generated class: the writer schema comes from the registry
 * by the id in the bytes (cached), upcasters rewrite what Avro cannot resolve, and Avro resolves
 * the rest to the class's schema. Bytes that can never become a record raise
 * {@link UndecodableRecordException}, never a null and never another exception.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    static {
        AvroTrust.ensure();
    }

    private final Schema readerSchema;
    private final SpecificData model;
    private final SchemaRegistry registry;
    private final UpcasterChain upcasters;
    private final Map<Integer, WriterSchemaReader<T>> readersById = new ConcurrentHashMap<>();
    private final Map<Integer, String> refusedById = new ConcurrentHashMap<>(); // a flood of one bad type costs one check
    // Ids the registry did not know, and when it said so. A stream thread reads inside a
    // transaction: a flood of records with unknown ids (junk that happens to start with the magic
    // byte) must not become a registry round trip each. Bounded, and forgotten after a while, in
    // case the schema is registered meanwhile.
    private final Map<Integer, Long> missingSince = new ConcurrentHashMap<>();
    static final long MISS_REMEMBERED_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    static final int MISSES_REMEMBERED = 1_024;

    public AvroDeserializer(Class<T> type, SchemaRegistry registry, UpcasterChain upcasters) {
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.registry = registry;
        this.upcasters = upcasters;
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // a tombstone, not bad input
        }
        int schemaId = WireFormat.schemaId(topic, data);
        return readerFor(topic, schemaId).read(topic, schemaId, data);
    }

    private WriterSchemaReader<T> readerFor(String topic, int schemaId) {
        WriterSchemaReader<T> reader = readersById.get(schemaId);
        if (reader != null) {
            return reader;
        }
        String refused = refusedById.get(schemaId);
        if (refused != null) {
            throw new UndecodableRecordException(Reason.INCOMPATIBLE_WRITER_SCHEMA, topic, schemaId, refused, null);
        }
        Long missing = missingSince.get(schemaId);
        if (missing != null && System.nanoTime() - missing < MISS_REMEMBERED_NANOS) {
            throw new UndecodableRecordException(Reason.UNKNOWN_SCHEMA_ID, topic, schemaId,
                    "schema id " + schemaId + " is not registered (asked less than 5 s ago)", null);
        }
        Schema writer;
        try {
            writer = registry.schemaById(schemaId);
            missingSince.remove(schemaId);
        } catch (UnknownSchemaException e) {
            if (missingSince.size() >= MISSES_REMEMBERED) {
                missingSince.clear();
            }
            missingSince.put(schemaId, System.nanoTime());
            throw new UndecodableRecordException(Reason.UNKNOWN_SCHEMA_ID, topic, schemaId, e.getMessage(), e);
        }
        var plan = upcasters.planFor(writer);
        List<String> problems = BackwardCompatibility.problems(readerSchema, plan.resultSchema());
        if (!problems.isEmpty()) {
            refused = "written as " + writer.getFullName() + ", unreadable as " + readerSchema.getFullName() + ": "
                    + String.join("; ", problems);
            refusedById.put(schemaId, refused);
            throw new UndecodableRecordException(Reason.INCOMPATIBLE_WRITER_SCHEMA, topic, schemaId, refused, null);
        }
        reader = new WriterSchemaReader<>(writer, plan, readerSchema, model);
        readersById.put(schemaId, reader);
        return reader;
    }
}
