package io.eventline.schemas.serde;

import io.eventline.schemas.AvroTrust;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a generated record in Confluent's wire format. The class's schema is registered under
 * the topic's subject the first time the topic is seen, then the id is cached. Envelopes also get
 * their payload type and correlation id as headers.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    static {
        AvroTrust.ensure();
    }

    private final Schema schema;
    private final boolean isKey;
    private final SchemaRegistry registry;
    private final SpecificDatumWriter<T> writer;
    private final EnvelopeHeaders envelopeHeaders;
    private final Map<String, Integer> idByTopic = new ConcurrentHashMap<>();

    public AvroSerializer(Class<T> type, SchemaRegistry registry, boolean isKey) {
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.isKey = isKey;
        this.registry = registry;
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.envelopeHeaders = EnvelopeHeaders.forSchema(schema);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (data == null) {
            return null; // a tombstone stays a tombstone
        }
        byte[] bytes = encode(schemaId(topic), data);
        if (headers != null && envelopeHeaders != null) {
            envelopeHeaders.write(headers, data);
        }
        return bytes;
    }

    /** Registers the schema under the topic's subject now; see {@link AvroSerde#registerFor}. */
    int registerFor(String topic) {
        return schemaId(topic);
    }

    private int schemaId(String topic) {
        Integer cached = idByTopic.get(topic);
        if (cached != null) {
            return cached;
        }
        String subject = SubjectNames.forTopic(topic, isKey);
        try {
            int id = registry.register(subject, schema);
            idByTopic.put(topic, id);
            return id;
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot register " + schema.getFullName() + " under subject '" + subject
                    + "': " + e.getMessage(), e);
        }
    }

    private byte[] encode(int schemaId, T data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(WireFormat.header(schemaId));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            // A null in a non-null field, say: a bug in the producer, reported with the type's name.
            throw new SerializationException("Cannot encode " + schema.getFullName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
