package io.eventline.service.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventline.schemas.registry.ConfluentRestSchemaRegistry;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.registry.IncompatibleSchemaException;
import io.eventline.schemas.registry.RegisteredSchema;
import io.eventline.service.http.HttpApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Confluent REST contract of /registry: paths, content type, status codes and error bodies, and
 * a round trip through a Confluent client (this project's own, written against Confluent's server).
 */
class RegistryRoutesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Schema V1 = SchemaBuilder.record("Greeting").namespace("test").fields()
            .requiredString("text").endRecord();
    static final Schema V2 = SchemaBuilder.record("Greeting").namespace("test").fields()
            .requiredString("text").name("lang").type().stringType().stringDefault("en").endRecord();
    static final Schema BREAKS = SchemaBuilder.record("Greeting").namespace("test").fields()
            .requiredString("text").requiredInt("count").endRecord();

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final HttpClient http = HttpClient.newHttpClient();
    HttpApi api;
    String base;

    @BeforeEach
    void start() throws Exception {
        api = new HttpApi(1 << 20, Optional.empty());
        RegistryRoutes.addTo(api, registry);
        api.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + api.port() + "/registry";
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void a_confluent_client_registers_looks_up_reads_and_is_refused_an_incompatible_schema() {
        ConfluentRestSchemaRegistry client = new ConfluentRestSchemaRegistry(URI.create(base));
        int id1 = client.register("greetings-value", V1);
        int id2 = client.register("greetings-value", V2);

        assertThat(registry.versions("greetings-value")).extracting(RegisteredSchema::id).containsExactly(id1, id2);
        assertThat(client.schemaById(id2)).isEqualTo(V2);
        assertThat(client.versions("greetings-value")).extracting(RegisteredSchema::version).containsExactly(1, 2);
        assertThat(client.subjects()).containsExactly("greetings-value");
        assertThat(client.register("greetings-value", V1)).as("registered already: the same id").isEqualTo(id1);
        assertThatThrownBy(() -> client.register("greetings-value", BREAKS))
                .isInstanceOf(IncompatibleSchemaException.class).hasMessageContaining("count");
        assertThat(registry.versions("greetings-value")).hasSize(2);
    }

    @Test
    void answers_with_confluents_paths_content_type_and_bodies() throws Exception {
        int id = registry.register("greetings-value", V1);
        registry.register("greetings-value", V2);
        registry.register("other-value", V1);

        HttpResponse<String> subjects = get("/subjects");
        assertThat(subjects.headers().firstValue("Content-Type")).contains("application/vnd.schemaregistry.v1+json");
        assertThat(json(subjects)).extracting(JsonNode::asText).containsExactly("greetings-value", "other-value");
        assertThat(json(get("/subjects/greetings-value/versions"))).extracting(JsonNode::asInt).containsExactly(1, 2);
        JsonNode latest = json(get("/subjects/greetings-value/versions/latest"));
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(new Schema.Parser().parse(latest.get("schema").asText())).isEqualTo(V2);
        assertThat(new Schema.Parser().parse(get("/subjects/greetings-value/versions/1/schema").body())).isEqualTo(V1);
        assertThat(new Schema.Parser().parse(json(get("/schemas/ids/" + id)).get("schema").asText())).isEqualTo(V1);
        assertThat(json(get("/schemas/ids/" + id + "/subjects"))).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("greetings-value", "other-value");
        assertThat(json(get("/schemas/ids/" + id + "/versions")).get(0).get("version").asInt()).isEqualTo(1);
        assertThat(json(get("/config")).get("compatibilityLevel").asText()).isEqualTo("BACKWARD_TRANSITIVE");
        assertThat(json(get("/config/greetings-value")).get("compatibilityLevel").asText()).isEqualTo("BACKWARD_TRANSITIVE");

        JsonNode found = json(post("/subjects/greetings-value", V1));
        assertThat(found.get("id").asInt()).isEqualTo(id);
        assertThat(found.get("version").asInt()).isEqualTo(1);
        JsonNode verdict = json(post("/compatibility/subjects/greetings-value/versions/latest?verbose=true", BREAKS));
        assertThat(verdict.get("is_compatible").asBoolean()).isFalse();
        assertThat(verdict.get("messages").toString()).contains("count");
        assertThat(json(post("/compatibility/subjects/greetings-value/versions/1", V2)).get("is_compatible").asBoolean()).isTrue();
    }

    @Test
    void errors_carry_confluents_status_and_error_code() throws Exception {
        registry.register("greetings-value", V1);

        assertError(get("/subjects/nobody-value/versions"), 404, 40401);
        assertError(get("/subjects/greetings-value/versions/7"), 404, 40402);
        assertError(get("/subjects/greetings-value/versions/zero"), 422, 42202);
        assertError(get("/schemas/ids/999"), 404, 40403);
        assertError(post("/subjects/greetings-value", V2), 404, 40403);
        assertError(post("/subjects/greetings-value/versions", BREAKS), 409, 409);
        assertError(send("/subjects/greetings-value/versions", "{\"schema\": \"{not json\"}"), 422, 42201);
        assertError(send("/subjects/greetings-value/versions", "{\"schemaType\": \"PROTOBUF\", \"schema\": \"syntax = 'proto3';\"}"),
                422, 42201);
        assertThat(registry.versions("greetings-value")).hasSize(1);
    }

    private void assertError(HttpResponse<String> response, int status, int code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("error_code").asInt()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Schema schema) throws Exception {
        return send(path, JSON.writeValueAsString(Map.of("schema", schema.toString())));
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
