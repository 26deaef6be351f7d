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
    void refuses_to_start_unprotected_when_the_setting_names_no_token() {
        assertThatThrownBy(() -> new HttpApi(64, Optional.of(" , "))).isInstanceOf(IllegalArgumentException.class);
    }

    private static HttpApi start(Optional<String> token) throws Exception {
        return new HttpApi(64, token).protectedPost("/guarded", r -> Response.of(201, Map.of("ok", true))).start("127.0.0.1", 0);
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
