package io.eventline.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens map to principals with scopes, from a table of hashes: each route needs its scope. */
class ScopesTest {

    static final String TABLE = """
            # principal   scopes                  token hash
            dashboard     read                    %s
            order-desk    read,write              %s
            ops           read,write,admin        %s   # operators
            """.formatted(Authenticator.tableHash("t-dashboard"), Authenticator.tableHash("t-desk"), Authenticator.tableHash("t-ops"));

    HttpApi api;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        api = new HttpApi(1024, Authenticator.of(Optional.empty(), Optional.of(TABLE)), 16)
                .get("/things", r -> Response.ok(Map.of("who", r.principal().map(Principal::name).orElse("-"))))
                .post("/things/lookup", r -> Response.ok(Map.of("ok", true)))
                .protectedPost("/commands", r -> Response.ok(Map.of("who", r.principal().orElseThrow().name())))
                .adminPost("/decisions", r -> Response.ok(Map.of("ok", true)))
                .get("/health/live", r -> Response.ok(Map.of("status", "UP")))
                .get("/pages/data", r -> Response.ok(Map.of("secret", 42)))
                .publicGet("/pages/**", r -> Response.text("page " + r.param("rest"), "text/plain"))
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void each_route_needs_its_scope_and_the_handler_knows_who_called() throws Exception {
        assertThat(call("GET", "/things", "t-dashboard").body()).contains("\"who\":\"dashboard\"");
        assertThat(call("POST", "/things/lookup", "t-dashboard").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/commands", "t-dashboard").statusCode()).isEqualTo(403);
        assertThat(call("POST", "/commands", "t-desk").body()).contains("\"who\":\"order-desk\"");
        assertThat(call("POST", "/decisions", "t-desk").statusCode()).isEqualTo(403);
        assertThat(call("POST", "/decisions", "t-ops").statusCode()).isEqualTo(200);
        HttpResponse<String> forbidden = call("POST", "/decisions", "t-desk");
        assertThat(forbidden.body()).contains("'order-desk' may not do this: it needs the admin scope");
    }

    @Test
    void an_unknown_or_missing_token_is_401_and_health_needs_none() throws Exception {
        assertThat(call("GET", "/things", "t-nobody").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/things", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/health/live", null).statusCode()).isEqualTo(200);
    }

    @Test
    void a_public_catch_all_answers_without_a_token_below_its_prefix_but_hides_no_route_registered_before_it()
            throws Exception {
        assertThat(call("GET", "/pages", null).body()).isEqualTo("page ");
        assertThat(call("GET", "/pages/", null).body()).isEqualTo("page ");
        assertThat(call("GET", "/pages/aggregates/order/o%2F1", null).body()).isEqualTo("page aggregates/order/o/1");
        assertThat(call("GET", "/pages/data", null).statusCode()).as("a data route keeps its scope").isEqualTo(401);
        assertThat(call("GET", "/pages/data", "t-dashboard").body()).contains("\"secret\":42");
        assertThat(call("GET", "/pagesx", null).statusCode()).as("a prefix is whole segments").isEqualTo(404);
        assertThat(call("POST", "/pages/x", "t-ops").statusCode()).isEqualTo(405);
    }

    @Test
    void a_malformed_table_is_refused_at_start_naming_the_line() {
        assertThatThrownBy(() -> Authenticator.of(Optional.empty(), Optional.of("ops read,write\n")))
                .hasMessageContaining("token table line 1");
        assertThatThrownBy(() -> Authenticator.of(Optional.empty(), Optional.of("# c\nops read,fly sha256:" + "0".repeat(64))))
                .hasMessageContaining("line 2").hasMessageContaining("unknown scope 'fly'");
        assertThatThrownBy(() -> Authenticator.of(Optional.empty(), Optional.of("ops read sha256:abc")))
                .hasMessageContaining("64 hex digits");
        assertThat(Authenticator.of(Optional.empty(), Optional.of("# nothing but a comment\n")).required()).isFalse();
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
