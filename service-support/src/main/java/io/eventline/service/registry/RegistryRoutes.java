package io.eventline.service.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventline.schemas.registry.BackwardCompatibility;
import io.eventline.schemas.registry.ConfluentRestSchemaRegistry;
import io.eventline.schemas.registry.IncompatibleSchemaException;
import io.eventline.schemas.registry.RegisteredSchema;
import io.eventline.schemas.registry.SchemaIdentity;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.registry.SchemaRegistryException;
import io.eventline.schemas.registry.UnknownSchemaException;
import io.eventline.service.http.HttpApi;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Confluent's Schema Registry REST API over this pipeline's own registry, under {@code /registry}
 * on a service's HTTP port: any Avro client (Python, Go, Node, .NET, the Confluent tools) can fetch
 * the schemas of commands and events and register its own, with Confluent's paths, content type and
 * error bodies ({@code {"error_code", "message"}}). Registering goes through the registry's own
 * transactional writer, refused as 409 (Confluent's code) when not BACKWARD_TRANSITIVE compatible.
 * Only Avro is served: another {@code schemaType} is refused as invalid.
 */
public final class RegistryRoutes {

    public static final String PREFIX = "/registry";
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final String COMPATIBILITY = "BACKWARD_TRANSITIVE";

    // Confluent's error codes.
    static final int SUBJECT_NOT_FOUND = 40401;
    static final int VERSION_NOT_FOUND = 40402;
    static final int SCHEMA_NOT_FOUND = 40403;
    static final int INCOMPATIBLE = 409;
    static final int INVALID_SCHEMA = 42201;
    static final int INVALID_VERSION = 42202;
    static final int STORE_ERROR = 50001;

    private final SchemaRegistry registry;

    private RegistryRoutes(SchemaRegistry registry) {
        this.registry = registry;
    }

    /**
     * Serves the API when the service keeps its schemas itself (the Kafka-topic registry): with an
     * external Confluent registry, clients use that one directly.
     */
    public static void serveIfLocal(HttpApi api, SchemaRegistry registry) {
        if (!(registry instanceof ConfluentRestSchemaRegistry)) {
            addTo(api, registry);
        }
    }

    public static void addTo(HttpApi api, SchemaRegistry registry) {
        RegistryRoutes routes = new RegistryRoutes(registry);
        api.get(PREFIX + "/subjects", r -> routes.answer(routes::subjects, r))
                .get(PREFIX + "/subjects/{subject}/versions", r -> routes.answer(routes::versions, r))
                .get(PREFIX + "/subjects/{subject}/versions/{version}", r -> routes.answer(routes::version, r))
                .get(PREFIX + "/subjects/{subject}/versions/{version}/schema", r -> routes.answer(routes::rawSchema, r))
                .adminPost(PREFIX + "/subjects/{subject}/versions", r -> routes.answer(routes::register, r))
                .post(PREFIX + "/subjects/{subject}", r -> routes.answer(routes::lookUp, r))
                .get(PREFIX + "/schemas/ids/{id}", r -> routes.answer(routes::byId, r))
                .get(PREFIX + "/schemas/ids/{id}/schema", r -> routes.answer(routes::rawById, r))
                .get(PREFIX + "/schemas/ids/{id}/subjects", r -> routes.answer(routes::subjectsOfId, r))
                .get(PREFIX + "/schemas/ids/{id}/versions", r -> routes.answer(routes::versionsOfId, r))
                .get(PREFIX + "/schemas/types", r -> registryJson(200, List.of("AVRO")))
                .post(PREFIX + "/compatibility/subjects/{subject}/versions/{version}", r -> routes.answer(routes::compatibility, r))
                .get(PREFIX + "/config", r -> registryJson(200, Map.of("compatibilityLevel", COMPATIBILITY)))
                .get(PREFIX + "/config/{subject}", r -> registryJson(200, Map.of("compatibilityLevel", COMPATIBILITY)));
    }

    /** A failure with Confluent's status and code. */
    static final class Refusal extends RuntimeException {
        final int status;
        final int code;

        Refusal(int status, int code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    @FunctionalInterface
    interface Handler {
        Response handle(Request request);
    }

    private Response answer(Handler handler, Request request) {
        try {
            return handler.handle(request);
        } catch (Refusal refusal) {
            return error(refusal.status, refusal.code, refusal.getMessage());
        } catch (IncompatibleSchemaException e) {
            return error(409, INCOMPATIBLE, e.getMessage());
        } catch (SchemaRegistryException e) {
            return error(500, STORE_ERROR, e.getMessage());
        }
    }

    private Response subjects(Request request) {
        registry.refresh();
        return registryJson(200, registry.subjects());
    }

    private Response versions(Request request) {
        return registryJson(200, existingVersions(request.param("subject")).stream().map(RegisteredSchema::version).toList());
    }

    private Response version(Request request) {
        return registryJson(200, json(version(request.param("subject"), request.param("version"))));
    }

    private Response rawSchema(Request request) {
        return new Response(200, version(request.param("subject"), request.param("version")).schema().toString(), CONTENT_TYPE, Map.of());
    }

    private Response register(Request request) {
        String subject = request.param("subject");
        Schema schema = schemaOf(request);
        return registryJson(200, Map.of("id", registry.register(subject, schema)));
    }

    private Response lookUp(Request request) {
        String subject = request.param("subject");
        Schema schema = schemaOf(request);
        String canonical = SchemaIdentity.canonical(schema);
        return existingVersions(subject).stream()
                .filter(v -> SchemaIdentity.canonical(v.schema()).equals(canonical))
                .findFirst()
                .map(v -> registryJson(200, json(v)))
                .orElseThrow(() -> new Refusal(404, SCHEMA_NOT_FOUND, "Schema not found"));
    }

    private Response byId(Request request) {
        Schema schema = schemaWithId(request);
        return registryJson(200, Map.of("schema", schema.toString()));
    }

    private Response rawById(Request request) {
        return new Response(200, schemaWithId(request).toString(), CONTENT_TYPE, Map.of());
    }

    private Response subjectsOfId(Request request) {
        int id = schemaId(request);
        schemaWithId(request);
        return registryJson(200, versionsWithId(id).stream().map(RegisteredSchema::subject).distinct().toList());
    }

    private Response versionsOfId(Request request) {
        int id = schemaId(request);
        schemaWithId(request);
        return registryJson(200, versionsWithId(id).stream()
                .map(v -> Map.of("subject", v.subject(), "version", v.version())).toList());
    }

    private Response compatibility(Request request) {
        String subject = request.param("subject");
        Schema schema = schemaOf(request);
        String version = request.param("version");
        List<Schema> against;
        if (version.equals("latest") || version.equals("-1")) {
            // Confluent checks against what the subject's compatibility level names: here, every version.
            against = registry.versions(subject).stream().map(RegisteredSchema::schema).toList();
        } else {
            against = List.of(version(subject, version).schema());
        }
        List<String> problems = new ArrayList<>();
        try {
            BackwardCompatibility.check(subject, schema, against);
        } catch (IncompatibleSchemaException e) {
            problems.addAll(e.problems());
        }
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("is_compatible", problems.isEmpty());
        if (request.queryParam("verbose").filter("true"::equals).isPresent()) {
            verdict.put("messages", problems);
        }
        return registryJson(200, verdict);
    }

    private List<RegisteredSchema> existingVersions(String subject) {
        registry.refresh();
        List<RegisteredSchema> versions = registry.versions(subject);
        if (versions.isEmpty()) {
            throw new Refusal(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private RegisteredSchema version(String subject, String version) {
        List<RegisteredSchema> versions = existingVersions(subject);
        if (version.equals("latest") || version.equals("-1")) {
            return versions.getLast();
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1) {
            throw new Refusal(422, INVALID_VERSION, "The specified version '" + version
                    + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }
        int wanted = number;
        return versions.stream().filter(v -> v.version() == wanted).findFirst()
                .orElseThrow(() -> new Refusal(404, VERSION_NOT_FOUND, "Version " + wanted + " not found."));
    }

    private List<RegisteredSchema> versionsWithId(int id) {
        List<RegisteredSchema> found = new ArrayList<>();
        for (String subject : registry.subjects()) {
            registry.versions(subject).stream().filter(v -> v.id() == id).forEach(found::add);
        }
        return found;
    }

    private static int schemaId(Request request) {
        try {
            return Integer.parseInt(request.param("id"));
        } catch (NumberFormatException e) {
            throw new Refusal(404, SCHEMA_NOT_FOUND, "Schema " + request.param("id") + " not found");
        }
    }

    private Schema schemaWithId(Request request) {
        int id = schemaId(request);
        try {
            return registry.schemaById(id);
        } catch (UnknownSchemaException e) {
            throw new Refusal(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
    }

    /** The schema a POST carries as {@code {"schema": "<Avro JSON as a string>", "schemaType": "AVRO"}}. */
    private static Schema schemaOf(Request request) {
        JsonNode body;
        try {
            body = request.json().parseObject(request.body());
        } catch (RuntimeException e) {
            throw new Refusal(422, INVALID_SCHEMA, "Invalid schema: the body is not a JSON object");
        }
        String type = Optional.ofNullable(body.get("schemaType")).map(JsonNode::asText).orElse("AVRO");
        if (!type.equals("AVRO")) {
            throw new Refusal(422, INVALID_SCHEMA, "Invalid schema: only AVRO is served here, not " + type);
        }
        if (body.has("references") && body.get("references").size() > 0) {
            throw new Refusal(422, INVALID_SCHEMA, "Invalid schema: schema references are not supported here");
        }
        if (!body.path("schema").isTextual()) {
            throw new Refusal(422, INVALID_SCHEMA, "Invalid schema: 'schema' must be the schema as a string");
        }
        try {
            return new Schema.Parser().parse(body.get("schema").asText());
        } catch (RuntimeException e) {
            throw new Refusal(422, INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
        }
    }

    private static Map<String, Object> json(RegisteredSchema version) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subject", version.subject());
        json.put("version", version.version());
        json.put("id", version.id());
        json.put("schema", version.schema().toString());
        return json;
    }

    private static Response error(int status, int code, String message) {
        return registryJson(status, Map.of("error_code", code, "message", message));
    }

    private static Response registryJson(int status, Object body) {
        return new Response(status, body, CONTENT_TYPE, Map.of());
    }
}
