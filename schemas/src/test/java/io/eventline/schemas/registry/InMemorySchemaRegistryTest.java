package io.eventline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.schemas.avro.common.CommandResult;
import io.eventline.schemas.avro.common.EventKey;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void ids_are_global_the_same_schema_under_two_subjects_has_one_id() {
        int key = registry.register("shop.order.events-key", EventKey.getClassSchema());
        int result = registry.register("shop.command-results-value", CommandResult.getClassSchema());
        int keyAgain = registry.register("shop.inventory.events-key", EventKey.getClassSchema());

        assertThat(key).isEqualTo(1);
        assertThat(result).isEqualTo(2);
        assertThat(keyAgain).isEqualTo(key);
        assertThat(registry.versions("shop.inventory.events-key")).singleElement()
                .isEqualTo(new RegisteredSchema("shop.inventory.events-key", 1, 1, EventKey.getClassSchema()));
    }

    @Test
    void registering_again_returns_the_same_id_and_adds_no_version() {
        int first = registry.register("s", EventKey.getClassSchema());
        int second = registry.register("s", new Schema.Parser().parse(SchemaFormatter.format("json/pretty", EventKey.getClassSchema())));

        assertThat(second).isEqualTo(first);
        assertThat(registry.versions("s")).hasSize(1);
    }

    @Test
    void an_unknown_id_or_subject() {
        assertThatThrownBy(() -> registry.schemaById(7)).isInstanceOf(UnknownSchemaException.class)
                .hasMessage("No schema with id 7 in the in-memory registry");
        assertThat(registry.versions("nobody")).isEmpty();
    }
}
