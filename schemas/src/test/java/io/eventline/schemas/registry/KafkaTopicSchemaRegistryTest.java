package io.eventline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.schemas.RandomRecords;
import io.eventline.schemas.avro.common.CommandResult;
import io.eventline.schemas.avro.common.EventKey;
import io.eventline.schemas.avro.order.OrderEventEnvelope;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class KafkaTopicSchemaRegistryTest {
    private final KafkaTestCluster kafka;
    private final KafkaTopicRegistrySettings settings;

    KafkaTopicSchemaRegistryTest(KafkaTestCluster kafka) {
        this.kafka = kafka;
        this.settings = KafkaTopicRegistrySettings.of(kafka.bootstrapServers()).withTopic("_schemas-" + UUID.randomUUID());
    }

    private static Schema thing(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[" + fields + "]}");
    }

    @Test
    void registrations_survive_a_restart_because_the_topic_is_the_state() {
        int key;
        int result;
        try (var registry = KafkaTopicSchemaRegistry.open(settings)) {
            key = registry.register("shop.order.events-key", EventKey.getClassSchema());
            result = registry.register("shop.command-results-value", CommandResult.getClassSchema());
            assertThat(registry.register("shop.inventory.events-key", EventKey.getClassSchema())).isEqualTo(key);
        }
        try (var restarted = KafkaTopicSchemaRegistry.open(settings)) {
            assertThat(restarted.schemaById(key)).isEqualTo(EventKey.getClassSchema());
            assertThat(restarted.schemaById(result)).isEqualTo(CommandResult.getClassSchema());
            assertThat(restarted.register("shop.order.events-key", EventKey.getClassSchema())).isEqualTo(key);
            assertThat(restarted.versions("shop.inventory.events-key")).singleElement()
                    .isEqualTo(new RegisteredSchema("shop.inventory.events-key", 1, key, EventKey.getClassSchema()));
        }
        // Ids grow with the topic's end offset, which commit markers advance too: increasing, with gaps.
        assertThat(key).isEqualTo(1);
        assertThat(result).isGreaterThan(key);
    }

    @Test
    void creates_its_topic_compacted_with_one_partition() throws Exception {
        try (var registry = KafkaTopicSchemaRegistry.open(settings); Admin admin = Admin.create(kafka.clientConfig())) {
            assertThat(registry.versions("nothing-yet")).isEmpty();
            var description = admin.describeTopics(Set.of(settings.topic())).allTopicNames().get().get(settings.topic());
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, settings.topic());
            var config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);

            assertThat(description.partitions()).hasSize(1);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void an_id_registered_by_another_instance_is_found_by_re_reading_the_tail() {
        try (var first = KafkaTopicSchemaRegistry.open(settings); var second = KafkaTopicSchemaRegistry.open(settings)) {
            int id = first.register("things-value", thing("{\"name\":\"id\",\"type\":\"string\"}"));

            assertThat(second.schemaById(id)).isEqualTo(thing("{\"name\":\"id\",\"type\":\"string\"}"));
            assertThatThrownBy(() -> second.schemaById(id + 100)).isInstanceOf(UnknownSchemaException.class)
                    .hasMessage("No schema with id " + (id + 100) + " in schema topic '" + settings.topic() + "'");
        }
    }

    @Test
    void writers_taking_turns_each_fence_the_other_and_still_agree_on_every_id() {
        // Each keeps its producer between registrations; the other's registration fences it, so its
        // next one must notice, start again, and read what the other wrote before choosing an id.
        try (var first = KafkaTopicSchemaRegistry.open(settings); var second = KafkaTopicSchemaRegistry.open(settings)) {
            Map<Integer, Schema> ids = new HashMap<>();
            for (int i = 0; i < 6; i++) {
                var registry = i % 2 == 0 ? first : second;
                Schema schema = thing("{\"name\":\"f" + i + "\",\"type\":\"string\"}");
                int id = registry.register("things-" + i + "-value", schema);
                assertThat(ids.put(id, schema)).as("id %d handed out twice", id).isNull();
                assertThat(registry.register("things-" + i + "-value", schema)).isEqualTo(id);
            }
            ids.forEach((id, schema) -> {
                assertThat(first.schemaById(id)).isEqualTo(schema);
                assertThat(second.schemaById(id)).isEqualTo(schema);
            });
        }
        try (var restarted = KafkaTopicSchemaRegistry.open(settings)) {
            assertThat(restarted.subjects()).hasSize(6);
        }
    }

    @Test
    void refuses_an_incompatible_version_naming_the_field_and_writes_nothing() {
        try (var registry = KafkaTopicSchemaRegistry.open(settings)) {
            registry.register("things-value", thing("{\"name\":\"id\",\"type\":\"string\"}"));

            assertThatThrownBy(() -> registry.register("things-value", thing("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"int\"}")))
                    .isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("reading version 1 at n: READER_FIELD_MISSING_DEFAULT_VALUE");
        }
        try (var restarted = KafkaTopicSchemaRegistry.open(settings)) {
            assertThat(restarted.versions("things-value")).hasSize(1);
        }
    }

    @Test
    void a_serde_on_one_instance_writes_what_a_serde_on_another_reads() {
        try (var writer = KafkaTopicSchemaRegistry.open(settings); var reader = KafkaTopicSchemaRegistry.open(settings)) {
            OrderEventEnvelope event = new RandomRecords(7).next(OrderEventEnvelope.class);
            byte[] bytes = AvroSerde.forValues(OrderEventEnvelope.class, writer).serializer().serialize("shop.order.events", event);

            assertThat(AvroSerde.forValues(OrderEventEnvelope.class, reader).deserializer().deserialize("shop.order.events", bytes))
                    .isEqualTo(event);
        }
    }

    @Test
    void the_factory_picks_the_topic_registry_without_a_url() {
        try (var registry = SchemaRegistries.fromConfig(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                SchemaRegistries.TOPIC, settings.topic(), SchemaRegistries.TIMEOUT_MS, "20000"))) {
            assertThat(registry).isInstanceOf(KafkaTopicSchemaRegistry.class);
            assertThat(registry.register("k", EventKey.getClassSchema())).isEqualTo(1);
        }
    }
}
