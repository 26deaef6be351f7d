package io.eventline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.schemas.avro.common.CommandResult;
import io.eventline.schemas.avro.common.EventKey;
import io.eventline.schemas.avro.common.CommandDedupEntry;
import io.eventline.schemas.avro.order.OrderAggregate;
import io.eventline.schemas.avro.order.OrderCommandEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaLogTest {
    private final SchemaLog log = new SchemaLog();

    private void append(String subject, Schema schema) {
        SchemaLog.Registration registration = SchemaLog.parse(log.nextValue(subject, schema));
        assertThat(registration).isNotNull();
        log.apply(registration);
    }

    /** A registration as written before ids were written down: {subject, schema} only. */
    private void appendLegacy(String subject, Schema schema) {
        byte[] value = ("{\"subject\":\"" + subject + "\",\"schema\":" + quoted(SchemaIdentity.canonical(schema)) + "}")
                .getBytes(StandardCharsets.UTF_8);
        log.apply(SchemaLog.parse(value));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void a_new_registration_gets_the_id_counting_would_give_on_a_clean_topic() {
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
    void a_record_written_before_ids_were_kept_gets_one_plus_the_ordinal_of_the_first_record_with_that_schema() {
        appendLegacy("a-key", EventKey.getClassSchema());
        appendLegacy("b-key", EventKey.getClassSchema());
        appendLegacy("results-value", CommandResult.getClassSchema());

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
    void ids_and_versions_stay_whatever_else_is_written_to_the_topic_and_whatever_compaction_removes() {
        Schema[] schemas = {EventKey.getClassSchema(), CommandResult.getClassSchema(), CommandDedupEntry.getClassSchema(),
                OrderAggregate.getClassSchema()};
        List<Map.Entry<String, byte[]>> topic = new ArrayList<>();
        SchemaLog writer = new SchemaLog();
        register(topic, writer, "a-key", schemas[0]);
        topic.add(Map.entry("junk", "not a registration".getBytes(StandardCharsets.UTF_8)));
        register(topic, writer, "results-value", schemas[1]);
        topic.add(topic.get(2)); // the same registration written twice
        topic.add(Map.entry(key("a-key", schemas[0]), new byte[0])); // junk under an existing key
        register(topic, writer, "b-key", schemas[0]);
        topic.add(Map.entry("junk", "{\"subject\":1}".getBytes(StandardCharsets.UTF_8)));
        register(topic, writer, "dedup-value", schemas[2]);
        register(topic, writer, "results-value", schemas[3]);
        register(topic, writer, "gone-value", OrderCommandEnvelope.getClassSchema());
        topic.add(Map.entry(key("gone-value", OrderCommandEnvelope.getClassSchema()), new byte[0])); // its only registration

        SchemaLog running = read(topic, topic.size());
        SchemaLog startedAfterCompaction = read(compacted(topic), topic.size()); // compaction keeps offsets

        for (String subject : List.of("results-value", "b-key", "dedup-value")) {
            assertThat(startedAfterCompaction.versions(subject)).as(subject).isEqualTo(running.versions(subject));
        }
        assertThat(startedAfterCompaction.versions("results-value")).extracting(RegisteredSchema::version).containsExactly(1, 2);
        for (int id = 1; id <= 20; id++) {
            if (startedAfterCompaction.schemaById(id) != null) {
                assertThat(startedAfterCompaction.schemaById(id)).as("id " + id).isEqualTo(running.schemaById(id));
            }
        }
        Schema next = io.eventline.schemas.avro.order.OrderEventEnvelope.getClassSchema();
        int goneId = running.idOf("gone-value", OrderCommandEnvelope.getClassSchema());
        assertThat(startedAfterCompaction.schemaById(goneId)).as("its only registration was compacted away").isNull();
        assertThat(SchemaLog.parse(startedAfterCompaction.nextValue("new-value", next)).id())
                .as("a new id is none that old records may carry, not even the removed one's")
                .isGreaterThan(goneId);
    }

    private static void register(List<Map.Entry<String, byte[]>> topic, SchemaLog writer, String subject, Schema schema) {
        byte[] value = writer.nextValue(subject, schema);
        writer.apply(SchemaLog.parse(value));
        topic.add(Map.entry(key(subject, schema), value));
    }

    private static String key(String subject, Schema schema) {
        return new String(SchemaLog.key(subject, schema), StandardCharsets.UTF_8);
    }

    private static SchemaLog read(List<Map.Entry<String, byte[]>> topic, long endOffset) {
        SchemaLog reader = new SchemaLog();
        reader.reachedEnd(endOffset);
        for (Map.Entry<String, byte[]> record : topic) {
            SchemaLog.Registration registration = SchemaLog.parse(record.getValue());
            if (registration != null) {
                reader.apply(registration);
            }
        }
        return reader;
    }

    /** What log compaction leaves: the last record of each key, in the order those last records were written. */
    private static List<Map.Entry<String, byte[]>> compacted(List<Map.Entry<String, byte[]>> topic) {
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < topic.size(); i++) {
            last.put(topic.get(i).getKey(), i);
        }
        List<Map.Entry<String, byte[]>> kept = new ArrayList<>();
        for (int i = 0; i < topic.size(); i++) {
            if (last.get(topic.get(i).getKey()) == i) {
                kept.add(topic.get(i));
            }
        }
        return kept;
    }

    @Test
    void the_key_is_unique_per_subject_and_schema_so_compaction_keeps_every_registration() {
        assertThat(new String(SchemaLog.key("a-key", EventKey.getClassSchema()), StandardCharsets.UTF_8))
                .startsWith("a-key/").hasSize("a-key/".length() + 64)
                .isNotEqualTo(new String(SchemaLog.key("b-key", EventKey.getClassSchema()), StandardCharsets.UTF_8));
    }
}
