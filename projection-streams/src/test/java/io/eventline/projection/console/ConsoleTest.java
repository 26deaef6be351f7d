package io.eventline.projection.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.eventline.projection.module.ProjectionContext;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.service.config.ServiceSettings;
import io.eventline.service.http.Authenticator;
import io.eventline.service.http.HttpApi;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's routes on a real HTTP server, before a stand-in command service that records what
 * reaches it: the page and its deep links, the scopes of its data calls, and the proxy's allow-list.
 */
class ConsoleTest {

    static final String TABLE = """
            dashboard   read              %s
            desk        read,write        %s
            ops         read,write,admin  %s
            """.formatted(Authenticator.tableHash("t-read"), Authenticator.tableHash("t-write"), Authenticator.tableHash("t-admin"));

    /** What the stand-in command service received: method, path and query, Authorization, body. */
    record Seen(String method, String target, String authorization, String body) {}

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();
    HttpServer commandService;
    HttpApi api;
    ProjectionContext context;

    @BeforeEach
    void start() throws Exception {
        commandService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        commandService.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                        exchange.getRequestHeaders().getFirst("Authorization"), body));
                boolean metrics = exchange.getRequestURI().getPath().equals("/metrics");
                byte[] answer = (metrics ? "eventline_commands_total{aggregate=\"order\",outcome=\"ACCEPTED\",code=\"\"} 3.0\n"
                        : "{\"from\":\"command-service\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", metrics ? "text/plain; version=0.0.4" : "application/json");
                exchange.getResponseHeaders().set("Retry-After", "2");
                exchange.getResponseHeaders().set("X-Internal", "not for the browser");
                exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 409 : 200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        commandService.start();
        ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of("EVENTLINE_BOOTSTRAP_SERVERS", "127.0.0.1:1"), "console-test", 0);
        context = ProjectionContext.of(settings, new InMemorySchemaRegistry(), new SimpleMeterRegistry(), Clock.systemUTC());
        api = new HttpApi(1024 * 1024, Authenticator.of(Optional.empty(), Optional.of(TABLE)), 16);
        Console.addTo(api, context, ConsoleSettings.of("http://127.0.0.1:" + commandService.getAddress().getPort()));
        api.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        api.close();
        commandService.stop(0);
        context.parkingDecisions().close();
    }

    @Test
    void every_page_under_console_is_the_single_page_without_a_token_and_assets_come_with_their_type() throws Exception {
        for (String deepLink : List.of("/console", "/console/", "/console/aggregates/order/o-1", "/console/sagas/o-1",
                "/console/dead-letters/account")) {
            HttpResponse<String> page = call("GET", deepLink, null, null);
            assertThat(page.statusCode()).as(deepLink).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("<main id=\"view\"", "/console/assets/app.js");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        }
        HttpResponse<String> script = call("GET", "/console/assets/app.js", null, null);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("import");
        assertThat(call("GET", "/console/assets/console.css", null, null).headers().firstValue("Content-Type"))
                .hasValue("text/css; charset=utf-8");
        assertThat(call("GET", "/console/assets/missing.js", null, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/console/assets/%2e%2e%2fConsole.class", null, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/console/assets/sub/app.js", null, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/console/api/nothing", "t-admin", null).statusCode())
                .as("an unknown API path is no page").isEqualTo(404);
    }

    @Test
    void every_data_call_needs_the_scope_the_api_needs() throws Exception {
        assertThat(call("GET", "/console/api/contracts/commands", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/console/api/contracts/commands", "t-read", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/console/api/aggregates/order/o-1", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/console/api/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/dead-letters/order", null, null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/console/api/commands/order/o-1", "t-read", "{}").statusCode()).isEqualTo(403);
        assertThat(call("POST", "/dead-letters/order/0/0/replay", "t-write", "{}").statusCode()).isEqualTo(403);
        assertThat(seen).as("nothing refused here reached the command service").isEmpty();
    }

    @Test
    void the_proxy_forwards_the_allowed_routes_and_parameters_with_the_callers_authorization_unchanged() throws Exception {
        HttpResponse<String> state = call("GET", "/console/api/aggregates/order/o-1?version=1", "t-read", null);
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).isEqualTo("{\"from\":\"command-service\"}");
        assertThat(state.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(state.headers().firstValue("X-Internal")).isEmpty();
        call("GET", "/console/api/aggregates/inventory/SKU-1.a@b/events?limit=5&fromVersion=2", "t-read", null);
        HttpResponse<String> command = call("POST", "/console/api/commands/account/alice", "t-write",
                "{\"type\":\"OpenAccount\",\"payload\":{\"currency\":\"EUR\"}}");
        assertThat(command.statusCode()).as("the command service's status passes through").isEqualTo(409);
        HttpResponse<String> metrics = call("GET", "/console/api/metrics", "t-read", null);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4");
        assertThat(metrics.body()).startsWith("eventline_commands_total");

        assertThat(seen).containsExactly(
                new Seen("GET", "/aggregates/order/o-1?version=1", "Bearer t-read", ""),
                new Seen("GET", "/aggregates/inventory/SKU-1.a%40b/events?fromVersion=2&limit=5", "Bearer t-read", ""),
                new Seen("POST", "/commands/account/alice", "Bearer t-write", "{\"type\":\"OpenAccount\",\"payload\":{\"currency\":\"EUR\"}}"),
                new Seen("GET", "/metrics", "Bearer t-read", ""));
    }

    @Test
    void the_proxy_is_no_open_proxy() throws Exception {
        assertThat(call("GET", "/console/api/aggregates/order/o-1?url=http://elsewhere", "t-admin", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/console/api/aggregates/registry/o-1", "t-admin", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/console/api/aggregates/order/o%201", "t-admin", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/console/api/aggregates/order/..%2F..%2Fregistry", "t-admin", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/console/api/aggregates/order/%2E%2E/events", "t-admin", null).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/console/api/commands/order/%2E", "t-admin", "{}").statusCode()).isEqualTo(400);
        assertThat(call("GET", "/console/api/aggregates/order/o-1/events/x", "t-admin", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/console/api/health/ready", "t-admin", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/console/api/commands/order/o-1", "t-admin", null).statusCode()).as("a GET sends no command").isEqualTo(404);
        assertThat(call("GET", "/console/api/registry/subjects", "t-admin", null).statusCode()).isEqualTo(404);
        assertThat(seen).isEmpty();
    }

    @Test
    void an_unreachable_command_service_is_a_502_that_names_the_setting() throws Exception {
        commandService.stop(0);
        HttpResponse<String> answer = call("GET", "/console/api/aggregates/order/o-1", "t-read", null);
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.body()).contains(ConsoleSettings.URL_VARIABLE).doesNotContain("Exception:");
    }

    @Test
    void the_setting_defaults_to_a_local_command_service_and_refuses_anything_but_a_base_url() {
        assertThat(ConsoleSettings.fromEnvironment(Map.of()).commandService()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(ConsoleSettings.fromEnvironment(Map.of(ConsoleSettings.URL_VARIABLE, "https://cs-1:8443/")).commandService())
                .isEqualTo(URI.create("https://cs-1:8443"));
        assertThat(ConsoleSettings.local("http", "0.0.0.0", 8081).commandService()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(ConsoleSettings.local("http", "127.0.0.1", 9000).commandService()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        for (String bad : List.of("ftp://cs:21", "http://cs:8081/aggregates", "cs:8081", "http://cs:8081?x=1")) {
            assertThatThrownBy(() -> ConsoleSettings.fromEnvironment(Map.of(ConsoleSettings.URL_VARIABLE, bad)))
                    .as(bad).hasMessageContaining(ConsoleSettings.URL_VARIABLE);
        }
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
