package io.eventline.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpApiTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpApi api;

    @BeforeEach
    void start() throws Exception {
        api = new HttpApi(64, Optional.empty())
                .get("/things/{id}", r -> Response.ok(Map.of("id", r.param("id"))))
                .post("/echo", r -> Response.ok(r.jsonBody()))
                .get("/boom", r -> {
                    throw new IllegalStateException("secret internals");
                })
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void decodes_path_parameters() throws Exception {
        var response = get("/things/a%20b");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\":\"a b\"}");
    }

    @Test
    void answers_unknown_paths_and_methods_with_problem_details() throws Exception {
        var missing = get("/nothing/here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(missing.body()).contains("\"status\":404", "\"instance\":\"/nothing/here\"");

        var wrongMethod = send(HttpRequest.newBuilder(uri("/things/1")).DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    @Test
    void refuses_malformed_json_oversized_bodies_and_bad_escapes_with_4xx() throws Exception {
        assertThat(post("/echo", "{not json", Map.of()).statusCode()).isEqualTo(400);
        assertThat(post("/echo", "[1,2]", Map.of()).body()).contains("must be a JSON object");
        assertThat(post("/echo", "{\"a\":\"" + "x".repeat(100) + "\"}", Map.of()).statusCode()).isEqualTo(413);
        assertThat(rawStatusLine("GET /things/%zz HTTP/1.1")).matches("HTTP/1.1 4\\d\\d .*");
    }

    @Test
    void a_post_must_say_it_sends_json_so_that_a_web_page_cannot_post_a_form_or_a_typeless_body() throws Exception {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/jsonp")) {
            HttpResponse<String> answer = post("/echo", "{\"a\":1}", Map.of("Content-Type", type));
            assertThat(answer.statusCode()).as(type).isEqualTo(415);
            assertThat(answer.headers().firstValue("Accept-Post")).contains("application/json");
            assertThat(answer.body()).contains("Content-Type: application/json");
        }
        HttpResponse<String> typeless = send(HttpRequest.newBuilder(uri("/echo")).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(typeless.statusCode()).as("no Content-Type").isEqualTo(415);
        assertThat(post("/echo", "{\"a\":1}", Map.of("Content-Type", "application/json; charset=utf-8")).statusCode()).isEqualTo(200);
        assertThat(post("/echo", "{\"a\":1}", Map.of("Content-Type", "Application/JSON")).statusCode()).isEqualTo(200);
        assertThat(post("/echo", "{\"a\":1}", Map.of("Content-Type", "application/merge-patch+json")).statusCode()).isEqualTo(200);
    }

    @Test
    void a_get_carries_no_body_and_one_that_does_is_refused_before_it_is_read() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/things/a"))
                .method("GET", HttpRequest.BodyPublishers.ofString("x".repeat(1_000))));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("carries no body");
        assertThat(get("/things/a").statusCode()).isEqualTo(200);
    }

    @Test
    void requests_beyond_the_in_flight_cap_get_a_503_at_once_while_health_checks_still_answer() throws Exception {
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (HttpApi capped = new HttpApi(64, Optional.empty(), 2)
                .get("/slow", r -> {
                    inside.countDown();
                    release.await();
                    return Response.ok(Map.of("done", true));
                })
                .get("/health/live", r -> Response.ok(Map.of("live", true)))
                .start("127.0.0.1", 0)) {
            URI slow = URI.create("http://127.0.0.1:" + capped.port() + "/slow");
            var first = client.sendAsync(HttpRequest.newBuilder(slow).build(), HttpResponse.BodyHandlers.ofString());
            var second = client.sendAsync(HttpRequest.newBuilder(slow).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(inside.await(10, TimeUnit.SECONDS)).as("both requests are being served").isTrue();

            HttpResponse<String> third = client.send(HttpRequest.newBuilder(slow).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(third.headers().firstValue("Retry-After")).contains("1");
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + capped.port() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(client.send(HttpRequest.newBuilder(slow).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("a place freed is a place again").isEqualTo(200);
        }
    }

    @Test
    void hides_internal_errors_behind_a_500_without_stack_trace() throws Exception {
        var response = get("/boom");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret internals").doesNotContain("at io.eventline");
    }

    /** Some malformed requests cannot even be built with HttpClient: write them on a socket. */
    private String rawStatusLine(String requestLine) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", api.port())) {
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        var builder = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::setHeader);
        return send(builder);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
