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
 * <p>A record is one registration: key {@code subject/fingerprint}, value {@code {subject, schema,
 * id, version}}. The writer chooses the id (the schema's id if it is known under another subject,
 * else one above every id in use and above the topic's end offset, which never goes back, so not
 * even the id of a registration that compaction removed is handed out again) and the version
 * while it holds the registry's transactional id,
 * and writes them down: what a reader learns depends on that record alone, never on what else the
 * topic holds. Junk, tombstones, a registration written twice, and compaction removing any of
 * them, change no id and no version of any other schema.
 *
 * <p>Records written before ids were written down carry none; for those alone the id is 1 + the
 * ordinal (0-based, counting valid records) of the first record carrying the canonical form, as it
 * always was, so an existing topic keeps its ids.
 */
final class SchemaLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private int ordinal;
    private volatile long endOffset;
    private final Map<String, Integer> idByCanonical = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idBySubjectAndCanonical = new ConcurrentHashMap<>();
    private final Map<String, List<RegisteredSchema>> versionsBySubject = new ConcurrentHashMap<>();

    /** One registration; {@code id} and {@code version} are 0 in a record written before they were written down. */
    record Registration(String subject, Schema schema, int id, int version) {
    }

    static byte[] key(String subject, Schema schema) {
        return (subject + "/" + SchemaIdentity.fingerprint(schema)).getBytes(StandardCharsets.UTF_8);
    }

    /** The registration of {@code schema} under {@code subject} as the next record, with the id and version it gets. */
    byte[] nextValue(String subject, Schema schema) {
        Integer known = idByCanonical.get(SchemaIdentity.canonical(schema));
        int largest = schemaById.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        int id = known != null ? known : Math.toIntExact(Math.max(Math.max(largest, ordinal), endOffset) + 1);
        int version = versions(subject).stream().mapToInt(RegisteredSchema::version).max().orElse(0) + 1;
        return value(subject, schema, id, version);
    }

    static byte[] value(String subject, Schema schema, int id, int version) {
        try {
            return JSON.writeValueAsBytes(Map.of("subject", subject, "schema", SchemaIdentity.canonical(schema),
                    "id", id, "version", version));
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
            int id = node.path("id").canConvertToInt() && node.path("id").asInt() > 0 ? node.get("id").asInt() : 0;
            int version = node.path("version").canConvertToInt() && node.path("version").asInt() > 0
                    ? node.get("version").asInt() : 0;
            return new Registration(node.get("subject").asText(), new Schema.Parser().parse(node.get("schema").asText()),
                    id, version);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Called by one thread at a time, in log order. */
    void apply(Registration registration) {
        String canonical = SchemaIdentity.canonical(registration.schema());
        int ordinalId = ++ordinal;
        int id = idByCanonical.computeIfAbsent(canonical, c -> registration.id() > 0 ? registration.id() : ordinalId);
        schemaById.putIfAbsent(id, registration.schema());
        if (idBySubjectAndCanonical.putIfAbsent(registration.subject() + '\n' + canonical, id) == null) {
            List<RegisteredSchema> versions = new ArrayList<>(versions(registration.subject()));
            int version = registration.version() > 0 ? registration.version() : versions.size() + 1;
            versions.add(new RegisteredSchema(registration.subject(), version, id, registration.schema()));
            versions.sort(java.util.Comparator.comparingInt(RegisteredSchema::version));
            versionsBySubject.put(registration.subject(), List.copyOf(versions));
        }
    }

    /** The reader reached this end offset of the topic: new ids go above it. */
    void reachedEnd(long offset) {
        endOffset = Math.max(endOffset, offset);
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

    List<String> subjects() {
        return versionsBySubject.keySet().stream().sorted().toList();
    }

    int size() {
        return ordinal;
    }
}
