package io.eventline.projection.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.projection.module.ProjectionModule;
import io.eventline.projection.app.ProjectionService;
import io.eventline.projection.readmodel.account.AccountBalanceModule;
import io.eventline.projection.readmodel.customer.CustomerStatsModule;
import io.eventline.projection.readmodel.order.OrderSummaryModule;
import io.eventline.projection.readmodel.sales.DailySalesModule;
import io.eventline.projection.readmodel.stock.StockLevelModule;
import io.eventline.projection.saga.OrderFulfilmentModule;
import io.eventline.projection.saga.SagaSettings;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.config.ServiceSettings;
import io.eventline.service.http.Authenticator;
import io.eventline.testsupport.HttpFuzzer;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import io.eventline.testsupport.RawHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Thousands of malformed queries to a running projection service, with and without credentials: each one a 4xx, none a 5xx or a hang. */
@ExtendWith(KafkaExtension.class)
class ProjectionHttpFuzzTest {

    static final String TOKEN = "fuzz-token";
    static final String PREFIX = "fuzz-ps";
    static final List<String> BAD_MIN_VERSIONS = List.of("abc", "-1", "1.5", "", "%FF", "99999999999999999999");

    @Test
    void answers_every_malformed_query_with_a_4xx_and_stays_alive(KafkaTestCluster kafka, @TempDir Path stateDir) throws Exception {
        Topics topics = Topics.defaults().withPrefix(PREFIX);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicProvisioner(admin).provision(topics.all());
        }
        ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of(
                "EVENTLINE_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "EVENTLINE_TOPIC_PREFIX", PREFIX,
                "EVENTLINE_APPLICATION_ID", PREFIX + "-app", "EVENTLINE_HTTP_PORT", "0", "EVENTLINE_STANDBY_REPLICAS", "0",
                "EVENTLINE_STATE_DIR", stateDir.toString(),
                "EVENTLINE_HTTP_TOKENS", "fuzzer read,write,admin " + Authenticator.tableHash(TOKEN)), "unused", 0);
        List<ProjectionModule> modules = List.of(new OrderFulfilmentModule(SagaSettings.defaults()), new OrderSummaryModule(),
                new CustomerStatsModule(), new DailySalesModule(), new StockLevelModule(), new AccountBalanceModule());
        try (SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
             ProjectionService service = ProjectionService.start(settings, registry, modules)) {
            assertThat(service.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();
            HttpFuzzer fuzzer = new HttpFuzzer(service.httpPort(), List.of(
                    "GET /readmodels/orders?limit&after", "GET /readmodels/orders/{orderId}?minVersion",
                    "GET /readmodels/customers?limit&after", "GET /readmodels/customers/{customerId}?minVersion",
                    "GET /readmodels/daily-sales?limit&after", "GET /readmodels/daily-sales/{day}/{currency}?minVersion",
                    "GET /readmodels/stock?limit&after", "GET /readmodels/stock/{sku}?minVersion",
                    "GET /readmodels/accounts?limit&after", "GET /readmodels/accounts/{customerId}?minVersion",
                    "GET /sagas/order-fulfilment/{orderId}", "GET /sagas/order-fulfilment?limit&after&status",
                    "GET /dead-letters/{type}?limit", "GET /projections/status",
                    "GET /projections/order-summary/parked?limit&after", "GET /projections/order-summary/parked/{orderId}",
                    "GET /projections/order-fulfilment/parked/{orderId}",
                    "GET /registry/subjects", "GET /registry/subjects/{subject}/versions",
                    "GET /registry/subjects/{subject}/versions/{version}", "GET /registry/schemas/ids/{id}"),
                    Map.of("orderId", List.of("fuzz-1"), "customerId", List.of("fuzz-1"), "sku", List.of("fuzz-1"), "type", List.of("order"),
                            "day", List.of("2026-11-24"), "currency", List.of("EUR"),
                            "subject", List.of(PREFIX + ".order.commands-value", "nobody-value"),
                            "version", List.of("latest", "1", "0", "x"), "id", List.of("1", "999999", "-1", "x")),
                    Map.of("limit", List.of("100000", "0", "-1", "abc", "", "501", "1.5", "99999999999999999999"),
                            "after", List.of("garbage", "!!!", "%FF", "", "a%20b", "%00", "_w", "x".repeat(2_000)),
                            "minVersion", BAD_MIN_VERSIONS,
                            "status", List.of("", "nope", "IN_FLIGHT,,STUCK", "completed;", "%FF")),
                    List.of(), List.of(), settings.maxBodyBytes());

            // With credentials, every route's own checks; without, the refusal before them.
            List<HttpFuzzer.Outcome> outcomes = new java.util.ArrayList<>(
                    fuzzer.withHeader("Authorization", "Bearer " + TOKEN).run(2_000, 20261124L, 4, Duration.ofSeconds(20)));
            outcomes.addAll(fuzzer.run(1_000, 20261125L, 4, Duration.ofSeconds(20)));

            Map<Integer, Long> statuses = new TreeMap<>(outcomes.stream()
                    .collect(Collectors.groupingBy(HttpFuzzer.Outcome::status, Collectors.counting())));
            System.out.println("projection service, " + outcomes.size() + " malformed requests: " + statuses);
            assertThat(outcomes).as("statuses %s; not a 4xx:%n%s", statuses, outcomes.stream()
                            .filter(o -> o.status() < 400 || o.status() > 499).limit(30)
                            .map(o -> o.status() + " <- " + o.request()).collect(Collectors.joining("\n")))
                    .allSatisfy(o -> assertThat(o.status()).isBetween(400, 499));
            assertThat(RawHttp.exchange(service.httpPort(), RawHttp.request("GET", "/health/live".getBytes(), "", new byte[0]),
                    Duration.ofSeconds(5))).isEqualTo(200);
        }
    }
}
