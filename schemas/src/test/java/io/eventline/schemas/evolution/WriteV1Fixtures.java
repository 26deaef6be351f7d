package io.eventline.schemas.evolution;

import io.eventline.schemas.avro.order.OrderEventEnvelope;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Wrote the committed V1 fixtures, once: OrderEventEnvelope V1 records in the wire format, as the
 * V1 release put them on shop.order.events (schema id 1: V1 was the first schema registered).
 * Kept to show how the bytes were made; running it again must give the same bytes.
 * {@code java -cp <test classpath> io.eventline.schemas.evolution.WriteV1Fixtures schemas/src/test/resources/fixtures}
 */
public final class WriteV1Fixtures {
    static final String SUBJECT = "shop.order.events-value";
    static final Schema ENVELOPE_V1 = SchemaHistory.version(OrderEventEnvelope.class.getName(), 1);

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]).resolve("order-event-envelope-v1");
        Files.createDirectories(dir);
        int id = new InMemorySchemaRegistry().register(SUBJECT, ENVELOPE_V1);
        Schema placed = ENVELOPE_V1.getField("payload").schema().getTypes().get(0);
        Schema line = placed.getField("lines").schema().getElementType();
        Schema confirmed = ENVELOPE_V1.getField("payload").schema().getTypes().get(1);

        GenericRecord orderPlaced = new GenericData.Record(placed);
        orderPlaced.put("orderId", "o-v1");
        orderPlaced.put("customerId", "alice");
        orderPlaced.put("lines", List.of(line(line, "sku-1", 2, "12.50"), line(line, "sku-2", 1, "0.99"), line(line, "sku-3", 3, "7")));
        Files.write(dir.resolve("order-placed.bin"), wireFormat(id, envelope(1, orderPlaced)));

        GenericRecord orderConfirmed = new GenericData.Record(confirmed);
        orderConfirmed.put("orderId", "o-v1");
        Files.write(dir.resolve("order-confirmed.bin"), wireFormat(id, envelope(2, orderConfirmed)));
    }

    static GenericRecord line(Schema schema, String sku, int quantity, String unitPrice) {
        GenericRecord line = new GenericData.Record(schema);
        line.put("sku", sku);
        line.put("quantity", quantity);
        line.put("unitPrice", unitPrice);
        return line;
    }

    static GenericRecord envelope(long version, GenericRecord payload) {
        GenericRecord envelope = new GenericData.Record(ENVELOPE_V1);
        envelope.put("eventId", "cmd-v1-" + version + ":0");
        envelope.put("aggregateType", "order");
        envelope.put("aggregateId", "o-v1");
        envelope.put("version", version);
        envelope.put("occurredAt", Instant.parse("2024-11-05T09:00:00Z").plusSeconds(version).toEpochMilli());
        envelope.put("commandId", "cmd-v1-" + version);
        envelope.put("correlationId", "corr-v1");
        envelope.put("causationId", null);
        envelope.put("actor", "alice");
        envelope.put("payload", payload);
        return envelope;
    }

    static byte[] wireFormat(int schemaId, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(WireFormat.header(schemaId));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
