package io.eventline.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eventline.command.app.CommandService;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderLine;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.config.ServiceSettings;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client no one here wrote: Node.js with kafkajs and {@code @kafkajs/confluent-schema-registry}
 * from npm (src/test/node, installed by {@code npm ci}), against a command service on a real
 * broker with the embedded registry, served as Confluent's REST API under /registry. The script
 * decodes an order's events, publishes a command of its own and reads its result.
 */
@ExtendWith(KafkaExtension.class)
class NodeClientTest {

    static final Path CLIENT = Path.of("src/test/node");
    static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path stateDir;

    @Test
    void a_node_producer_with_confluents_registry_client_decodes_events_and_gets_its_commands_result(KafkaTestCluster kafka)
            throws Exception {
        requireInstalledClient();
        Topics topics = Topics.defaults().withPrefix("node-client");
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicProvisioner(admin).provision(topics.all());
        }
        ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of(
                        "EVENTLINE_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                        "EVENTLINE_TOPIC_PREFIX", topics.prefix(),
                        "EVENTLINE_APPLICATION_ID", "node-client-commands",
                        "EVENTLINE_STANDBY_REPLICAS", "0"), "unused", 0)
                .withBootstrapServers(kafka.bootstrapServers())
                .withInstance(freePort(), Files.createDirectories(stateDir.resolve("commands")));
        try (SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
             CommandService service = CommandService.start(settings, registry)) {
            assertThat(service.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();
            CommandOutcome placed = service.gateway().send(Aggregates.order(registry), new CommandEnvelope<>(
                    new CommandMetadata("java-nc-1", "nc-1", OptionalLong.empty(), Instant.now(), "java-checkout",
                            Optional.empty(), "java-client"),
                    new OrderCommand.PlaceOrder("nc-1", "java-customer", List.of(new OrderLine("SKU-1", 1, 990)), "EUR")),
                    Duration.ofSeconds(30)).join();
            assertThat(placed.accepted()).isTrue();

            ProcessBuilder run = new ProcessBuilder("node", "client-test.mjs").directory(CLIENT.toFile()).redirectErrorStream(true);
            run.environment().putAll(Map.of(
                    "BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "REGISTRY_URL", "http://127.0.0.1:" + service.httpPort() + "/registry",
                    "TOPIC_PREFIX", topics.prefix(),
                    "EXISTING_ORDER_ID", "nc-1",
                    "NEW_ORDER_ID", "nc-2"));
            Process node = run.start();
            boolean ended = node.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                node.destroyForcibly();
            }
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println("node client-test.mjs:\n" + output);
            assertThat(ended).as("the Node client ended within %s:%n%s", RUN_LIMIT, output).isTrue();
            assertThat(node.exitValue()).as(output).isZero();
            assertThat(output).contains("decoded nc-1 v1 OrderPlaced for java-customer", "result of node-nc-2: ACCEPTED at version 1",
                    "all steps held");

            // The command the Node client wrote is the service's now, like any other.
            HttpResponse<String> order = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.httpPort() + "/aggregates/order/nc-2?minVersion=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(order.statusCode()).as(order.body()).isEqualTo(200);
            assertThat(order.body()).contains("\"customerId\":\"node-customer\"", "SKU-NODE");
        }
    }

    /** The npm packages are installed by .ci/run (npm ci); without them a developer's run skips, CI fails. */
    private static void requireInstalledClient() {
        boolean installed = Files.isDirectory(CLIENT.resolve("node_modules/kafkajs"))
                && Files.isDirectory(CLIENT.resolve("node_modules/@kafkajs/confluent-schema-registry"));
        String hint = "the Node client test needs Node.js and its packages: npm ci --prefix end-to-end/src/test/node";
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail(hint);
        }
        assumeTrue(installed, hint);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
