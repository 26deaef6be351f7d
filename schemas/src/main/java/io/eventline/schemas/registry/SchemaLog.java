package io.eventline.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * What the schema topic says, folded in log order: every process that reads the same committed
 * records computes the same ids, which is all the agreement the registry needs.
 *
 * <p>A record is one registration: key {@code subject/fingerprint}, value {@code {subject, schema}}.
 * Keys are unique per registration, so compaction never removes one. The id of a schema is 1 +
 * the ordinal (0-based, counting valid records) of the first record carrying its canonical form.
 */
final class SchemaLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private int ordinal;
    private final Map<String, Integer> idByCanonical = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idBySubjectAndCanonical = new ConcurrentHashMap<>();
    private final Map<String, List<RegisteredSchema>> versionsBySubject = new ConcurrentHashMap<>();

    record Registration(String subject, Schema schema) {
    }

    static byte[] key(String subject, Schema schema) {
        return (subject + "/" + SchemaIdentity.fingerprint(schema)).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(String subject, Schema schema) {
        try {
            return JSON.writeValueAsBytes(Map.of("subject", subject, "schema", SchemaIdentity.canonical(schema)));
        } catch (IOException e) {
            throw new SchemaRegistryException("Cannot write a registration of " + subject, e);
        }
    }

    /** Null for a record that is not a registration (a tombstone, junk): every reader skips it alike. */
    static Registration parse(byte[] value) {
        try {
            JsonNode node = value == null ? null : JSON.readTree(value);
            if (node == null || !node.path("subject").isTextual() || !node.path("schema").isTextual()) {
                return null;
            }
            return new Registration(node.get("subject").asText(), new Schema.Parser().parse(node.get("schema").asText()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Called by one thread at a time, in log order. */
    void apply(Registration registration) {
        String canonical = SchemaIdentity.canonical(registration.schema());
        int id = idByCanonical.computeIfAbsent(canonical, c -> ordinal + 1);
        ordinal++;
        schemaById.putIfAbsent(id, registration.schema());
        if (idBySubjectAndCanonical.putIfAbsent(registration.subject() + '\n' + canonical, id) == null) {
            List<RegisteredSchema> versions = new ArrayList<>(versions(registration.subject()));
            versions.add(new RegisteredSchema(registration.subject(), versions.size() + 1, id, registration.schema()));
            versionsBySubject.put(registration.subject(), List.copyOf(versions));
        }
    }

    Integer idOf(String subject, Schema schema) {
        return idBySubjectAndCanonical.get(subject + '\n' + SchemaIdentity.canonical(schema));
    }

    Schema schemaById(int id) {
        return schemaById.get(id);
    }

    List<RegisteredSchema> versions(String subject) {
        return versionsBySubject.getOrDefault(subject, List.of());
    }

    int size() {
        return ordinal;
    }
}
