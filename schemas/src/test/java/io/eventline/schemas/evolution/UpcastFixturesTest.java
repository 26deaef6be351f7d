package io.eventline.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.schemas.RandomRecords;
import io.eventline.schemas.avro.order.OrderConfirmed;
import io.eventline.schemas.avro.order.OrderEventEnvelope;
import io.eventline.schemas.avro.order.OrderLine;
import io.eventline.schemas.avro.order.OrderPlaced;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.schemas.serde.UndecodableRecordException;
import io.eventline.schemas.serde.UndecodableRecordException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Bytes the V1 release wrote, committed under src/test/resources/fixtures, read as today's classes. */
class UpcastFixturesTest {
    private static final String TOPIC = "shop.order.events";
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final int v1Id = registry.register(WriteV1Fixtures.SUBJECT, WriteV1Fixtures.ENVELOPE_V1);
    private final AvroSerde<OrderEventEnvelope> serde = AvroSerde.forValues(OrderEventEnvelope.class, registry);

    @Test
    void the_fixtures_name_the_v1_envelope_by_its_id() throws IOException {
        assertThat(ByteBuffer.wrap(fixture("order-placed.bin"), 1, 4).getInt()).isEqualTo(v1Id);
    }

    @Test
    void a_v1_order_placed_reads_as_v2_with_minor_units_and_the_default_currency() throws IOException {
        OrderEventEnvelope event = serde.deserializer().deserialize(TOPIC, fixture("order-placed.bin"));

        assertThat(event.getPayload()).isEqualTo(OrderPlaced.newBuilder().setOrderId("o-v1").setCustomerId("alice")
                .setLines(List.of(new OrderLine("sku-1", 2, 1250L), new OrderLine("sku-2", 1, 99L), new OrderLine("sku-3", 3, 700L)))
                .setCurrency("EUR").build());
        assertThat(event.getVersion()).isEqualTo(1L);
        assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2024-11-05T09:00:01Z"));
        assertThat(event.getCorrelationId()).isEqualTo("corr-v1");
    }

    @Test
    void other_v1_events_read_unchanged() throws IOException {
        OrderEventEnvelope event = serde.deserializer().deserialize(TOPIC, fixture("order-confirmed.bin"));
        assertThat(event.getPayload()).isEqualTo(new OrderConfirmed("o-v1"));
        assertThat(event.getEventId()).isEqualTo("cmd-v1-2:0");
    }

    @Test
    void without_the_upcaster_avro_alone_cannot_read_v1_and_says_where() throws IOException {
        var plain = AvroSerde.forValues(OrderEventEnvelope.class, registry, UpcasterChain.none());
        byte[] bytes = fixture("order-placed.bin");

        assertThatThrownBy(() -> plain.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(UndecodableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INCOMPATIBLE_WRITER_SCHEMA))
                .hasMessageContaining("payload<OrderPlaced>.lines[].unitPrice");
    }

    @Test
    void a_v1_price_that_is_not_an_exact_amount_is_undecodable_not_rounded() throws IOException {
        GenericRecord placed = new GenericData.Record(
                WriteV1Fixtures.ENVELOPE_V1.getField("payload").schema().getTypes().get(0));
        placed.put("orderId", "o-bad");
        placed.put("customerId", "bob");
        placed.put("lines", List.of(WriteV1Fixtures.line(placed.getSchema().getField("lines").schema().getElementType(),
                "sku-1", 1, "12.505")));
        byte[] bytes = WriteV1Fixtures.wireFormat(v1Id, WriteV1Fixtures.envelope(1, placed));

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(UndecodableRecordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UPCAST_FAILED))
                .hasMessageContaining("\"12.505\" is not an exact amount of EUR");
    }

    @Test
    void the_registry_refuses_v2_on_the_subject_that_holds_v1_which_is_why_the_upcaster_exists() {
        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, new RandomRecords(3).next(OrderEventEnvelope.class)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("payload<OrderPlaced>.lines[].unitPrice: TYPE_MISMATCH");
    }

    @Test
    void one_deserializer_reads_v1_and_v2_records_alike_since_it_reads_by_id() throws IOException {
        OrderEventEnvelope v2 = new RandomRecords(4).next(OrderEventEnvelope.class);
        byte[] v2Bytes = serde.serializer().serialize("shop.order.events.v2", v2);

        assertThat(serde.deserializer().deserialize(TOPIC, v2Bytes)).isEqualTo(v2);
        assertThat(serde.deserializer().deserialize(TOPIC, fixture("order-placed.bin")).getPayload()).isInstanceOf(OrderPlaced.class);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = UpcastFixturesTest.class.getResourceAsStream("/fixtures/order-event-envelope-v1/" + name)) {
            return in.readAllBytes();
        }
    }
}
