package io.eventline.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API. Ids and the schemas behind them never change
 * once assigned, so both are cached for the life of the client. Set the server's compatibility to
 * BACKWARD_TRANSITIVE; this client also checks every earlier version itself before registering,
 * so a refusal names the offending field whatever the server's setting.
 */
public final class ConfluentRestSchemaRegistry implements SchemaRegistry {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int VERSION_NOT_FOUND = 40402;
    private static final int SCHEMA_NOT_FOUND = 40403;

    private final RegistryHttp http;
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<String, RegisteredSchema> versionBySubjectAndNumber = new ConcurrentHashMap<>();

    public ConfluentRestSchemaRegistry(URI baseUrl) {
        this(baseUrl, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public ConfluentRestSchemaRegistry(URI baseUrl, Duration connectTimeout, Duration requestTimeout) {
        this.http = new RegistryHttp(baseUrl, connectTimeout, requestTimeout);
    }

    @Override
    public int register(String subject, Schema schema) {
        String key = subject + '\n' + SchemaIdentity.canonical(schema);
        Integer cached = idBySubjectAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        int id = lookUp(subject, schema).orElseGet(() -> {
            checkCompatibility(subject, schema);
            var response = http.post("/subjects/" + RegistryHttp.segment(subject) + "/versions", Map.of("schema", schema.toString()));
            if (response.status() == 409) {
                throw new IncompatibleSchemaException(subject, List.of(response.body().path("message").asText()), response.errorCode());
            }
            return response.orThrow().path("id").asInt();
        });
        schemaById.putIfAbsent(id, schema);
        idBySubjectAndSchema.put(key, id);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemaById.get(id);
        if (cached != null) {
            return cached;
        }
        var response = http.get("/schemas/ids/" + id);
        if (response.status() == 404) {
            throw new UnknownSchemaException(id, "schema registry " + http.base(), response.errorCode());
        }
        Schema schema = SchemaIdentity.parse(response.orThrow().path("schema").asText(null), "schema registry " + http.base() + " id " + id);
        schemaById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public List<RegisteredSchema> versions(String subject) {
        var response = http.get("/subjects/" + RegistryHttp.segment(subject) + "/versions");
        if (response.status() == 404 && response.errorCode() == SUBJECT_NOT_FOUND) {
            return List.of();
        }
        List<RegisteredSchema> versions = new ArrayList<>();
        for (JsonNode number : response.orThrow()) {
            versions.add(versionBySubjectAndNumber.computeIfAbsent(subject + '\n' + number.asInt(), k -> fetchVersion(subject, number.asInt())));
        }
        return versions;
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        http.get("/subjects").orThrow().forEach(subject -> subjects.add(subject.asText()));
        return subjects.stream().sorted().toList();
    }

    /** Checks every earlier version here (transitive, with field paths), then asks the server as its own settings say. */
    @Override
    public void checkCompatibility(String subject, Schema schema) {
        SchemaRegistry.super.checkCompatibility(subject, schema);
        var response = http.post("/compatibility/subjects/" + RegistryHttp.segment(subject) + "/versions/latest?verbose=true",
                Map.of("schema", schema.toString()));
        if (response.status() == 404 && (response.errorCode() == SUBJECT_NOT_FOUND || response.errorCode() == VERSION_NOT_FOUND)) {
            return; // nothing registered yet: nothing to be compatible with
        }
        JsonNode verdict = response.orThrow();
        if (!verdict.path("is_compatible").asBoolean(false)) {
            List<String> messages = new ArrayList<>();
            verdict.path("messages").forEach(m -> messages.add("server: " + m.asText()));
            throw new IncompatibleSchemaException(subject, messages.isEmpty() ? List.of("server: incompatible with the latest version") : messages);
        }
    }

    private Optional<Integer> lookUp(String subject, Schema schema) {
        var response = http.post("/subjects/" + RegistryHttp.segment(subject), Map.of("schema", schema.toString()));
        if (response.status() == 404 && (response.errorCode() == SUBJECT_NOT_FOUND || response.errorCode() == SCHEMA_NOT_FOUND)) {
            return Optional.empty();
        }
        return Optional.of(response.orThrow().path("id").asInt());
    }

    private RegisteredSchema fetchVersion(String subject, int version) {
        JsonNode body = http.get("/subjects/" + RegistryHttp.segment(subject) + "/versions/" + version).orThrow();
        Schema schema = SchemaIdentity.parse(body.path("schema").asText(null), "schema registry " + http.base() + " " + subject + " v" + version);
        return new RegisteredSchema(subject, version, body.path("id").asInt(), schema);
    }
}
