package io.eventline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.schemas.avro.common.EventKey;
import io.eventline.schemas.avro.order.OrderEventEnvelope;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.registry.RegisteredSchema;
import io.eventline.schemas.registry.SchemaRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<OrderEventEnvelope> serde = AvroSerde.forValues(OrderEventEnvelope.class, registry);

    @Test
    void the_first_five_bytes_are_magic_zero_and_the_big_endian_schema_id() {
        registry.register("some.other-value", EventKey.getClassSchema()); // so the envelope's id is 2, not a lucky 1
        byte[] bytes = serde.serializer().serialize("shop.order.events", Envelopes.orderPlaced());

        ByteBuffer header = ByteBuffer.wrap(bytes, 0, 5);
        assertThat(header.get()).isZero();
        int id = header.getInt();
        assertThat(id).isEqualTo(2);
        assertThat(registry.schemaById(id).getFullName()).isEqualTo(OrderEventEnvelope.class.getName());
        assertThat(registry.versions("shop.order.events-value")).singleElement()
                .satisfies(v -> assertThat(v.id()).isEqualTo(id));
    }

    @Test
    void a_plain_generic_reader_with_the_registered_schema_decodes_what_the_serde_wrote() throws IOException {
        byte[] bytes = serde.serializer().serialize("shop.order.events", Envelopes.orderPlaced());
        Schema registered = registry.schemaById(ByteBuffer.wrap(bytes, 1, 4).getInt());

        GenericRecord decoded = new GenericDatumReader<GenericRecord>(registered)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

        assertThat(decoded.get("aggregateId")).hasToString("o-1");
        assertThat(decoded.get("occurredAt")).isEqualTo(Instant.parse("2025-03-01T10:15:30.123Z").toEpochMilli());
        GenericRecord payload = (GenericRecord) decoded.get("payload");
        assertThat(payload.getSchema().getName()).isEqualTo("OrderPlaced");
        assertThat(((GenericRecord) ((List<?>) payload.get("lines")).getFirst()).get("unitPrice")).isEqualTo(1250L);
        assertThat(payload.get("currency")).hasToString("EUR");
    }

    @Test
    void keys_register_under_the_key_subject_and_values_under_the_value_subject() {
        AvroSerde.forKeys(EventKey.class, registry).serializer().serialize("shop.order.events", new EventKey("o-1", 1L));
        serde.serializer().serialize("shop.order.events", Envelopes.orderPlaced());

        assertThat(registry.versions("shop.order.events-key")).singleElement()
                .satisfies(v -> assertThat(v.schema().getFullName()).endsWith("EventKey"));
        assertThat(registry.versions("shop.order.events-value")).singleElement()
                .satisfies(v -> assertThat(v.schema().getFullName()).endsWith("OrderEventEnvelope"));
    }

    @Test
    void the_schema_is_registered_once_per_topic_then_the_id_is_cached() {
        AtomicInteger registrations = new AtomicInteger();
        var counting = new SchemaRegistry() {
            @Override
            public int register(String subject, Schema schema) {
                registrations.incrementAndGet();
                return registry.register(subject, schema);
            }

            @Override
            public java.util.List<String> subjects() {
                return registry.subjects();
            }

            @Override
            public Schema schemaById(int id) {
                return registry.schemaById(id);
            }

            @Override
            public List<RegisteredSchema> versions(String subject) {
                return registry.versions(subject);
            }
        };
        var serializer = AvroSerde.forValues(OrderEventEnvelope.class, counting).serializer();
        for (int i = 0; i < 5; i++) {
            serializer.serialize("shop.order.events", Envelopes.orderPlaced());
        }
        assertThat(registrations).hasValue(1);
    }

    @Test
    void envelopes_carry_their_payload_type_and_correlation_id_in_headers_replacing_forwarded_ones() {
        var headers = new RecordHeaders();
        headers.add(EnvelopeHeaders.EVENT_TYPE, "PlaceOrder".getBytes(StandardCharsets.UTF_8)); // forwarded from the command

        serde.serializer().serialize("shop.order.events", headers, Envelopes.orderConfirmed());

        assertThat(headers.headers(EnvelopeHeaders.EVENT_TYPE)).extracting(WireFormatTest::text).containsExactly("OrderConfirmed");
        assertThat(headers.headers(EnvelopeHeaders.CORRELATION_ID)).extracting(WireFormatTest::text).containsExactly("corr-42");
    }

    @Test
    void records_without_a_payload_get_no_headers() {
        var headers = new RecordHeaders();
        AvroSerde.forKeys(EventKey.class, registry).serializer().serialize("shop.order.events", headers, new EventKey("o-1", 1L));
        assertThat(headers.toArray()).isEmpty();
    }

    @Test
    void a_null_value_is_a_tombstone_both_ways() {
        assertThat(serde.serializer().serialize("shop.order.events", null)).isNull();
        assertThat(serde.deserializer().deserialize("shop.order.events", null)).isNull();
    }

    private static String text(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
