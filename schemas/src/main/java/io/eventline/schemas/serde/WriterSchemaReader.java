package io.eventline.schemas.serde;

import io.eventline.schemas.evolution.UpcastPlan;
import io.eventline.schemas.serde.UndecodableRecordException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads the records of one writer schema id. Without upcasters, Avro resolves writer to reader
 * in one pass. With them, the record is read generically with its writer schema, upcast, then
 * encoded once more with the upcast schema and resolved to the reader's: a second pass paid only
 * by old data, in exchange for upcasters that never see generated classes.
 */
final class WriterSchemaReader<T> {
    private final UpcastPlan plan;
    private final Schema writer;
    private final GenericDatumReader<Object> genericReader;
    private final GenericDatumWriter<Object> upcastWriter;
    private final SpecificDatumReader<T> specificReader;

    WriterSchemaReader(Schema writer, UpcastPlan plan, Schema reader, SpecificData model) {
        this.writer = writer;
        this.plan = plan;
        this.genericReader = plan.changesAnything() ? new GenericDatumReader<>(writer, writer, GenericData.get()) : null;
        this.upcastWriter = plan.changesAnything() ? new GenericDatumWriter<>(plan.resultSchema(), GenericData.get()) : null;
        this.specificReader = new SpecificDatumReader<>(plan.resultSchema(), reader, model);
    }

    T read(String topic, int schemaId, byte[] data) {
        byte[] payload = data;
        int offset = WireFormat.HEADER_LENGTH;
        if (plan.changesAnything()) {
            payload = upcast(topic, schemaId, decode(topic, schemaId, genericReader, data, offset));
            offset = 0;
        }
        return decode(topic, schemaId, specificReader, payload, offset);
    }

    private byte[] upcast(String topic, int schemaId, Object old) {
        try {
            Object upcast = plan.apply(writer, old);
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            upcastWriter.write(upcast, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new UndecodableRecordException(Reason.UPCAST_FAILED, topic, schemaId,
                    "upcasting " + writer.getFullName() + " failed: " + e.getMessage(), e);
        }
    }

    private static <R> R decode(String topic, int schemaId, GenericDatumReader<R> reader, byte[] data, int offset) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, offset, data.length - offset, null);
        R record;
        try {
            record = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            // EOF on a truncated record, negative lengths and bad union indexes on garbage: the
            // bytes do not match the schema their id names.
            throw new UndecodableRecordException(Reason.UNREADABLE_PAYLOAD, topic, schemaId,
                    "bytes do not decode with the schema their id names: " + e, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new UndecodableRecordException(Reason.UNREADABLE_PAYLOAD, topic, schemaId,
                        "bytes left over after a complete record: they were written with another schema", null);
            }
        } catch (IOException e) {
            throw new UndecodableRecordException(Reason.UNREADABLE_PAYLOAD, topic, schemaId, e.toString(), e);
        }
        return record;
    }
}
