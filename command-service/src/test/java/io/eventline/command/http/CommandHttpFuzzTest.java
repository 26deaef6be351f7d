package io.eventline.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.command.app.CommandService;
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

/** Thousands of malformed requests to a running command service, with and without credentials: each one a 4xx, none a 5xx or a hang. */
@ExtendWith(KafkaExtension.class)
class CommandHttpFuzzTest {

    static final String TOKEN = "fuzz-token";
    static final String PREFIX = "fuzz-cs";
    static final int MAX_BODY = 16 * 1024;
    static final List<String> VALID_BODIES = List.of(
            "{\"commandId\":\"c-1\",\"type\":\"OpenAccount\",\"expectedVersion\":0,\"correlationId\":\"k-1\","
                    + "\"causationId\":\"k-0\",\"actor\":\"alice\",\"payload\":{\"currency\":\"EUR\"}}",
            "{\"type\":\"DepositMoney\",\"payload\":{\"amount\":100}}",
            "{\"type\":\"ChargePayment\",\"payload\":{\"orderId\":\"o-1\",\"amount\":100,\"currency\":\"EUR\"}}",
            "{\"type\":\"PlaceOrder\",\"payload\":{\"customerId\":\"alice\",\"currency\":\"EUR\","
                    + "\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1250}]}}",
            "{\"type\":\"CancelOrder\",\"payload\":{\"reason\":\"changed my mind\"}}",
            "{\"type\":\"ReserveStock\",\"payload\":{\"orderId\":\"o-1\",\"quantity\":1}}",
            "{\"type\":\"CreateShipment\",\"payload\":{\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}}");

    @Test
    void answers_every_malformed_request_with_a_4xx_and_stays_alive(KafkaTestCluster kafka, @TempDir Path stateDir) throws Exception {
        Topics topics = Topics.defaults().withPrefix(PREFIX);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicProvisioner(admin).provision(topics.all());
        }
        ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of(
                "EVENTLINE_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "EVENTLINE_TOPIC_PREFIX", PREFIX,
                "EVENTLINE_APPLICATION_ID", PREFIX + "-app", "EVENTLINE_HTTP_PORT", "0", "EVENTLINE_STANDBY_REPLICAS", "0",
                "EVENTLINE_HTTP_MAX_BODY_BYTES", String.valueOf(MAX_BODY),
                "EVENTLINE_STATE_DIR", stateDir.toString(),
                "EVENTLINE_HTTP_TOKENS", "fuzzer read,write,admin " + Authenticator.tableHash(TOKEN)), "unused", 0);
        try (SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
             CommandService service = CommandService.start(settings, registry)) {
            assertThat(service.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();
            HttpFuzzer fuzzer = new HttpFuzzer(service.httpPort(),
                    List.of("POST /commands/{type}/{id}", "GET /aggregates/{type}/{id}?minVersion&version&at",
                            "GET /aggregates/{type}/{id}/events"),
                    Map.of("type", List.of("order", "inventory", "account", "shipment"), "id", List.of("fuzz-1", "fuzz-2")),
                    Map.of("minVersion", List.of("abc", "1.5", "-1", "", "99999999999999999999", "0x10", "%FF", "1e3"),
                            "version", List.of("-1", "0", "abc", "", "1.0", "99999999999999999999", "%00"),
                            "at", List.of("garbage", "2026-13-45T99:00:00Z", "", "now", "2026-11-24", "1700000000", "%FF")),
                    WrongShapes.of(VALID_BODIES), VALID_BODIES, MAX_BODY);

            // With credentials, every route's own checks; without, the refusal before them.
            List<HttpFuzzer.Outcome> outcomes = new java.util.ArrayList<>(
                    fuzzer.withHeader("Authorization", "Bearer " + TOKEN).run(2_000, 20261124L, 4, Duration.ofSeconds(20)));
            outcomes.addAll(fuzzer.run(1_000, 20261125L, 4, Duration.ofSeconds(20)));

            Map<Integer, Long> statuses = new TreeMap<>(outcomes.stream()
                    .collect(Collectors.groupingBy(HttpFuzzer.Outcome::status, Collectors.counting())));
            System.out.println("command service, " + outcomes.size() + " malformed requests: " + statuses);
            assertThat(outcomes).as("statuses %s; not a 4xx:%n%s", statuses, outcomes.stream()
                            .filter(o -> o.status() < 400 || o.status() > 499).limit(30)
                            .map(o -> o.status() + " <- " + o.request()).collect(Collectors.joining("\n")))
                    .allSatisfy(o -> assertThat(o.status()).isBetween(400, 499));
            assertThat(RawHttp.exchange(service.httpPort(), RawHttp.request("GET", "/health/live".getBytes(), "", new byte[0]),
                    Duration.ofSeconds(5))).isEqualTo(200);
            for (String type : List.of("order", "inventory", "account", "shipment")) {
                assertThat(RawHttp.exchange(service.httpPort(), RawHttp.request("GET", ("/aggregates/" + type + "/fuzz-1/events")
                        .getBytes(), "Authorization: Bearer " + TOKEN + "\r\n", new byte[0]), Duration.ofSeconds(5))).as("nothing malformed was accepted").isEqualTo(404);
            }
        }
    }
}
