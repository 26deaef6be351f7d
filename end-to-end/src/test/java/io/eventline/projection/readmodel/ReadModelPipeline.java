package io.eventline.projection.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.command.app.CommandService;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.config.ServiceSettings;
import io.eventline.testsupport.KafkaTestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * A pipeline on the shared test broker with its own topic prefix: an in-process command service,
 * the settings projection instances use, and HTTP helpers. Closes what it started.
 */
final class ReadModelPipeline implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final KafkaTestCluster kafka;
    final String prefix;
    final Topics topics;
    final SchemaRegistry registry;
    final CommandService commands;
    final Path stateRoot;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    ReadModelPipeline(KafkaTestCluster kafka, String prefix, Path stateRoot) throws Exception {
        this.kafka = kafka;
        this.prefix = prefix;
        this.stateRoot = stateRoot;
        this.topics = Topics.defaults().withPrefix(prefix);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicProvisioner(admin).provision(topics.all());
        }
        ServiceSettings commandSettings = settings(prefix + "-commands", Map.of("EVENTLINE_STANDBY_REPLICAS", "0"))
                .withInstance(freePort(), Files.createDirectories(stateRoot.resolve("commands")));
        this.registry = SchemaRegistries.fromConfig(commandSettings.schemaRegistryConfig());
        cleanup.add(registry);
        this.commands = CommandService.start(commandSettings, registry);
        cleanup.add(commands);
    }

    /** What a service of this pipeline reads from its environment. */
    ServiceSettings settings(String applicationId, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(environment(applicationId));
        env.putAll(more);
        return ServiceSettings.fromEnvironment(env, "unused", 0).withBootstrapServers(kafka.bootstrapServers());
    }

    Map<String, String> environment(String applicationId) {
        return Map.of("EVENTLINE_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "EVENTLINE_TOPIC_PREFIX", prefix,
                "EVENTLINE_APPLICATION_ID", applicationId);
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }

    <C> CommandOutcome send(AggregateType<C, ?, ?> type, String commandId, String aggregateId, C command) {
        CommandMetadata meta = new CommandMetadata(prefix + "-" + commandId, aggregateId, OptionalLong.empty(),
                Instant.now(), "it-" + commandId, Optional.empty(), "test");
        CommandOutcome outcome = commands.gateway().send(type, new CommandEnvelope<>(meta, command), Duration.ofSeconds(30)).join();
        if (!outcome.accepted()) {
            throw new AssertionError("command " + commandId + " was rejected: " + outcome.rejection());
        }
        return outcome;
    }

    AggregateType<io.eventline.domain.order.OrderCommand, ?, ?> orders() {
        return Aggregates.order(registry);
    }

    AggregateType<io.eventline.domain.inventory.InventoryCommand, ?, ?> inventory() {
        return Aggregates.inventory(registry);
    }

    AggregateType<io.eventline.domain.account.AccountCommand, ?, ?> accounts() {
        return Aggregates.account(registry);
    }

    /** The bearer token the instances were given, if any: every query then presents it. */
    String httpToken;

    HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(15));
        if (httpToken != null) {
            request.header("Authorization", "Bearer " + httpToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(int port, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (httpToken != null) {
            request.header("Authorization", "Bearer " + httpToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Waits, bounded, until the condition holds; fails with what {@code state} says otherwise. */
    static void await(Duration timeout, String what, Check check, Supplier<String> state) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // a service still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + timeout + ": " + what + "\n" + state.get());
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }
}
