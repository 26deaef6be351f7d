package io.eventline.command.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.ServiceSettings;
import io.eventline.service.http.Authenticator;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The actor in the audit trail is the authenticated principal, never what a client writes: a
 * client may name someone it acts for only with the act-for scope, and that name is kept apart.
 */
@ExtendWith(KafkaExtension.class)
class AuthenticatedActorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path stateDir;

    @Test
    void commands_carry_the_principal_as_actor_and_a_named_actor_only_with_act_for(KafkaTestCluster kafka) throws Exception {
        String table = "order-desk read,write " + Authenticator.tableHash("t-desk") + "\n"
                + "web-gateway read,write,act-for " + Authenticator.tableHash("t-gateway") + "\n";
        ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of(
                "EVENTLINE_TOPIC_PREFIX", "actors", "EVENTLINE_STANDBY_REPLICAS", "0", "EVENTLINE_STREAM_THREADS", "1",
                "EVENTLINE_HTTP_HOST", "127.0.0.1", "EVENTLINE_STATE_DIR", stateDir.toString(),
                "EVENTLINE_HTTP_TOKENS", table), "it-actors", 0)
                .withBootstrapServers(kafka.bootstrapServers());
        try (SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
             CommandService service = CommandService.start(settings, registry)) {
            assertThat(service.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();
            int port = service.httpPort();

            HttpResponse<String> impersonating = place(port, "t-desk", "o-1", "\"actor\": \"mallory\",");
            assertThat(impersonating.statusCode()).as(impersonating.body()).isEqualTo(403);
            assertThat(impersonating.body()).contains("needs the act-for scope");

            assertThat(place(port, "t-desk", "o-1", "\"actor\": \"someone-claimed\",").statusCode()).isEqualTo(403);
            HttpResponse<String> own = place(port, "t-desk", "o-1", "");
            assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
            HttpResponse<String> forAlice = place(port, "t-gateway", "o-2", "\"actor\": \"alice\",");
            assertThat(forAlice.statusCode()).as(forAlice.body()).isEqualTo(200);

            JsonNode first = events(port, "t-desk", "o-1").get(0);
            assertThat(first.get("actor").asText()).isEqualTo("order-desk");
            assertThat(first.get("onBehalfOf").isNull()).isTrue();
            JsonNode second = events(port, "t-desk", "o-2").get(0);
            assertThat(second.get("actor").asText()).as("the principal, whatever the body said").isEqualTo("web-gateway");
            assertThat(second.get("onBehalfOf").asText()).isEqualTo("alice");

            assertThat(get(port, null, "/aggregates/order/o-1").statusCode()).isEqualTo(401);
        }
    }

    private HttpResponse<String> place(int port, String token, String orderId, String actorField) throws Exception {
        String body = """
                {"type": "PlaceOrder", %s
                 "payload": {"orderId": "%s", "customerId": "c-1", "lines": [{"sku": "SKU-1", "quantity": 1, "unitPrice": 100}],
                             "currency": "EUR"}}
                """.formatted(actorField, orderId);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/commands/order/" + orderId))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode events(int port, String token, String orderId) throws Exception {
        HttpResponse<String> response = get(port, token, "/aggregates/order/" + orderId + "/events?minVersion=1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("events");
    }

    private HttpResponse<String> get(int port, String token, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
