package io.eventline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.schemas.avro.common.CommandResult;
import io.eventline.schemas.avro.common.EventKey;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaLogTest {
    private final SchemaLog log = new SchemaLog();

    private void append(String subject, Schema schema) {
        SchemaLog.Registration registration = SchemaLog.parse(SchemaLog.value(subject, schema));
        assertThat(registration).isNotNull();
        log.apply(registration);
    }

    @Test
    void an_id_is_one_plus_the_ordinal_of_the_first_record_with_that_schema() {
        append("a-key", EventKey.getClassSchema());
        append("b-key", EventKey.getClassSchema());
        append("results-value", CommandResult.getClassSchema());

        assertThat(log.idOf("a-key", EventKey.getClassSchema())).isEqualTo(1);
        assertThat(log.idOf("b-key", EventKey.getClassSchema())).isEqualTo(1);
        assertThat(log.idOf("results-value", CommandResult.getClassSchema())).isEqualTo(3);
        assertThat(log.schemaById(3)).isEqualTo(CommandResult.getClassSchema());
        assertThat(log.schemaById(2)).isNull();
    }

    @Test
    void records_that_are_not_registrations_are_skipped_alike_by_every_reader() {
        assertThat(SchemaLog.parse(null)).isNull();
        assertThat(SchemaLog.parse("not json".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(SchemaLog.parse("{\"subject\":\"s\",\"schema\":\"{oops\"}".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void a_repeated_registration_adds_no_version() {
        append("a-key", EventKey.getClassSchema());
        append("a-key", EventKey.getClassSchema());

        assertThat(log.versions("a-key")).singleElement()
                .isEqualTo(new RegisteredSchema("a-key", 1, 1, EventKey.getClassSchema()));
    }

    @Test
    void the_key_is_unique_per_subject_and_schema_so_compaction_keeps_every_registration() {
        assertThat(new String(SchemaLog.key("a-key", EventKey.getClassSchema()), StandardCharsets.UTF_8))
                .startsWith("a-key/").hasSize("a-key/".length() + 64)
                .isNotEqualTo(new String(SchemaLog.key("b-key", EventKey.getClassSchema()), StandardCharsets.UTF_8));
    }
}
