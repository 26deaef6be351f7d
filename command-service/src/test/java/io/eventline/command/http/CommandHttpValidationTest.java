package io.eventline.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.command.query.AggregateQueries;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.http.HttpApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the command routes refuse before anything reaches Kafka: no gateway and no Kafka Streams
 * here, so a request that got past validation would fail the test with a 500.
 */
class CommandHttpValidationTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpApi api;

    @BeforeEach
    void start() throws Exception {
        var registry = new InMemorySchemaRegistry();
        List<AggregateType<?, ?, ?>> types = Aggregates.all(registry);
        api = new HttpApi(64 * 1024, Optional.empty());
        new CommandHttp(types, null, Duration.ofSeconds(1), Clock.systemUTC()).addTo(api,
                new AggregateQueries(types, Topics.defaults(), new AvroOutcomeCodec(registry), null, Duration.ZERO,
                        new io.eventline.service.http.Waits(1)));
        api.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void refuses_envelope_fields_that_are_no_ids_and_a_negative_expected_version() throws Exception {
        for (String field : List.of("\"correlationId\":\"a b\"", "\"causationId\":\"\"", "\"actor\":\"" + "x".repeat(200) + "\"",
                "\"expectedVersion\":-1", "\"commandId\":\"a/b\"")) {
            HttpResponse<String> answer = post("/commands/account/alice",
                    "{" + field + ",\"type\":\"OpenAccount\",\"payload\":{\"currency\":\"EUR\"}}");
            assertThat(answer.statusCode()).as(field + ": " + answer.body()).isEqualTo(400);
        }
    }

    @Test
    void refuses_a_version_below_1_and_a_negative_min_version_as_malformed_not_missing() throws Exception {
        assertThat(get("/aggregates/order/o-1?version=0").statusCode()).isEqualTo(400);
        assertThat(get("/aggregates/order/o-1?version=-1").statusCode()).isEqualTo(400);
        assertThat(get("/aggregates/order/o-1?minVersion=-1").statusCode()).isEqualTo(400);
        assertThat(get("/aggregates/order/o-1?at=garbage").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }
}
