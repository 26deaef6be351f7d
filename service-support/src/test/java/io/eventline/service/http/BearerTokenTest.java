package io.eventline.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void accepts_each_of_several_tokens_so_one_can_be_rotated_without_refusing_anyone() throws Exception {
        try (HttpApi api = start(Optional.of("new-token, old-token"))) {
            assertThat(post(api, "Bearer new-token")).isEqualTo(201);
            assertThat(post(api, "Bearer old-token")).isEqualTo(201);
            assertThat(post(api, "Bearer new-token, old-token")).isEqualTo(401);
            assertThat(post(api, "Bearer other")).isEqualTo(401);
            assertThat(post(api, null)).isEqualTo(401);
        }
    }

    @Test
    void with_a_token_every_route_needs_it_but_the_health_checks() throws Exception {
        try (HttpApi api = start(Optional.of("s3cret"))) {
            assertThat(post(api, null)).isEqualTo(401);
            assertThat(post(api, "Bearer wrong")).isEqualTo(401);
            assertThat(post(api, "Bearer s3cret")).isEqualTo(201);
            assertThat(get(api, "/things/1", null)).as("a read is private too").isEqualTo(401);
            assertThat(get(api, "/things/1", "Bearer s3cret")).isEqualTo(200);
            assertThat(get(api, "/health/live", null)).as("health checks answer without one").isEqualTo(200);
        }
        try (HttpApi open = start(Optional.empty())) {
            assertThat(get(open, "/things/1", null)).as("no token set: nothing to present").isEqualTo(200);
            assertThat(post(open, null)).isEqualTo(201);
        }
    }

    @Test
    void refuses_to_start_unprotected_when_the_setting_names_no_token() {
        assertThatThrownBy(() -> new HttpApi(64, Optional.of(" , "))).isInstanceOf(IllegalArgumentException.class);
    }

    private static HttpApi start(Optional<String> token) throws Exception {
        return new HttpApi(64, token).protectedPost("/guarded", r -> Response.of(201, Map.of("ok", true)))
                .get("/things/{id}", r -> Response.ok(Map.of("id", r.param("id"))))
                .get("/health/live", r -> Response.ok(Map.of("live", true)))
                .start("127.0.0.1", 0);
    }

    private int get(HttpApi api, String path, String authorization) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int post(HttpApi api, String authorization) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/guarded"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
