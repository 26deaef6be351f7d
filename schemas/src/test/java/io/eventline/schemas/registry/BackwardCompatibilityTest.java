package io.eventline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.schemas.avro.order.OrderEventEnvelope;
import io.eventline.schemas.evolution.SchemaHistory;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class BackwardCompatibilityTest {
    private static final String ENVELOPE = OrderEventEnvelope.class.getName();

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":[" + fields + "]}");
    }

    @Test
    void a_new_field_without_a_default_is_refused_by_name() {
        Schema v1 = record("{\"name\":\"id\",\"type\":\"string\"}");
        Schema v2 = record("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"currency\",\"type\":\"string\"}");

        assertThat(BackwardCompatibility.problems(v2, v1)).singleElement().asString()
                .startsWith("at currency: READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void a_changed_type_deep_in_a_union_and_an_array_is_refused_with_its_whole_path() {
        Schema v1 = SchemaHistory.version(ENVELOPE, 1);
        Schema v2 = SchemaHistory.version(ENVELOPE, 2);

        assertThat(BackwardCompatibility.problems(v2, v1))
                .anySatisfy(problem -> assertThat(problem).startsWith("at payload<OrderPlaced>.lines[].unitPrice: TYPE_MISMATCH"));
    }

    @Test
    void the_refusal_names_the_subject_the_version_and_the_field() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.register("things-value", record("{\"name\":\"id\",\"type\":\"string\"}"));

        assertThatThrownBy(() -> registry.register("things-value", record("{\"name\":\"id\",\"type\":\"long\"}")))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("'things-value'")
                .hasMessageContaining("reading version 1 at id: TYPE_MISMATCH");
    }

    @Test
    void compatibility_is_transitive_every_earlier_version_must_stay_readable() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        registry.register("things-value", record("{\"name\":\"id\",\"type\":\"string\"}"));
        registry.register("things-value", record("{\"name\":\"id\",\"type\":\"string\"},"
                + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}"));
        // v3 reads v2 (which has note) but not v1, which has no note and v3 gives it no default.
        Schema v3 = record("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"note\",\"type\":\"string\"}");

        assertThat(BackwardCompatibility.problems(v3, registry.versions("things-value").get(1).schema())).isEmpty();
        assertThatThrownBy(() -> registry.register("things-value", v3))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("reading version 1 at note: READER_FIELD_MISSING_DEFAULT_VALUE")
                .hasMessageNotContaining("reading version 2");
    }
}
