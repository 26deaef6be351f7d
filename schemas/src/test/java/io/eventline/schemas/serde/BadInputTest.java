package io.eventline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.eventline.schemas.RandomRecords;
import io.eventline.schemas.avro.inventory.InventoryEventEnvelope;
import io.eventline.schemas.avro.order.OrderEventEnvelope;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.serde.UndecodableRecordException.Reason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class BadInputTest {
    private static final String TOPIC = "shop.order.events";
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<OrderEventEnvelope> serde = AvroSerde.forValues(OrderEventEnvelope.class, registry);
    private final Deserializer<OrderEventEnvelope> deserializer = serde.deserializer();
    private final byte[] valid = serde.serializer().serialize(TOPIC, Envelopes.orderPlaced());

    @Test
    void bytes_shorter_than_the_header_are_not_in_the_wire_format() {
        for (byte[] bytes : new byte[][] {{}, {0}, {0, 0, 0, 1}}) {
            assertUndecodable(bytes, Reason.NOT_WIRE_FORMAT, "fewer than the 5-byte header");
        }
    }

    @Test
    void a_first_byte_other_than_zero_is_not_the_wire_format() {
        byte[] json = "{\"orderId\":\"o-1\"}".getBytes();
        assertUndecodable(json, Reason.NOT_WIRE_FORMAT, "first byte is 123, not the magic byte 0");
    }

    @Test
    void an_id_the_registry_does_not_know_is_named_in_the_error() {
        byte[] bytes = valid.clone();
        ByteBuffer.wrap(bytes).putInt(1, 4242);
        var e = assertUndecodable(bytes, Reason.UNKNOWN_SCHEMA_ID, "No schema with id 4242");
        assertThat(e.schemaId()).isEqualTo(4242);
    }

    @Test
    void an_unknown_id_met_again_soon_is_refused_without_asking_the_registry_again() {
        int[] asked = {0};
        io.eventline.schemas.registry.SchemaRegistry counting = new io.eventline.schemas.registry.SchemaRegistry() {
            @Override
            public int register(String subject, org.apache.avro.Schema schema) {
                return registry.register(subject, schema);
            }

            @Override
            public java.util.List<String> subjects() {
                return registry.subjects();
            }

            @Override
            public org.apache.avro.Schema schemaById(int id) {
                asked[0]++;
                return registry.schemaById(id);
            }

            @Override
            public java.util.List<io.eventline.schemas.registry.RegisteredSchema> versions(String subject) {
                return registry.versions(subject);
            }
        };
        Deserializer<OrderEventEnvelope> reader = AvroSerde.forValues(OrderEventEnvelope.class, counting).deserializer();
        byte[] bytes = valid.clone();
        ByteBuffer.wrap(bytes).putInt(1, 4242);

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> reader.deserialize(TOPIC, bytes)).isInstanceOf(UndecodableRecordException.class);
        }

        assertThat(asked[0]).as("registry round trips for 100 records with one unknown id").isEqualTo(1);
    }

    @Test
    void every_truncation_of_a_valid_record_is_undecodable() {
        for (int length = 5; length < valid.length; length++) {
            assertUndecodable(Arrays.copyOf(valid, length), Reason.UNREADABLE_PAYLOAD, "do not decode with the schema");
        }
    }

    @Test
    void bytes_left_over_after_the_record_are_undecodable() {
        byte[] longer = Arrays.copyOf(valid, valid.length + 3);
        assertUndecodable(longer, Reason.UNREADABLE_PAYLOAD, "bytes left over");
    }

    @Test
    void a_record_of_another_type_on_the_topic_is_refused_naming_both_types() {
        byte[] inventory = AvroSerde.forValues(InventoryEventEnvelope.class, registry).serializer()
                .serialize("shop.inventory.events", new RandomRecords(1).next(InventoryEventEnvelope.class));
        assertUndecodable(inventory, Reason.INCOMPATIBLE_WRITER_SCHEMA, "written as io.eventline.schemas.avro.inventory.InventoryEventEnvelope");
    }

    @Test
    void random_garbage_after_a_valid_header_is_always_undecodable_never_another_exception() {
        Random random = new Random(20250301);
        for (int i = 0; i < 5_000; i++) {
            byte[] garbage = new byte[5 + random.nextInt(64)];
            random.nextBytes(garbage);
            System.arraycopy(valid, 0, garbage, 0, 5); // a known id, so the payload decoder is what is tested
            try {
                OrderEventEnvelope decoded = deserializer.deserialize(TOPIC, garbage);
                assertThat(decoded).as("garbage that happens to decode is still a record").isNotNull();
            } catch (UndecodableRecordException expected) {
                assertThat(expected.reason()).isEqualTo(Reason.UNREADABLE_PAYLOAD);
            }
        }
    }

    private UndecodableRecordException assertUndecodable(byte[] bytes, Reason reason, String messagePart) {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isExactlyInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining(messagePart)
                .hasMessageContaining(TOPIC);
        var e = catchThrowableOfType(UndecodableRecordException.class, () -> deserializer.deserialize(TOPIC, bytes));
        assertThat(e.reason()).isEqualTo(reason);
        return e;
    }
}
