package io.eventline.projection.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventline.command.app.CommandService;
import io.eventline.projection.module.ProjectionModule;
import io.eventline.projection.app.ProjectionService;
import io.eventline.projection.console.ConsoleSettings;
import io.eventline.projection.readmodel.account.AccountBalanceModule;
import io.eventline.projection.readmodel.customer.CustomerStatsModule;
import io.eventline.projection.readmodel.order.OrderSummaryModule;
import io.eventline.projection.readmodel.sales.DailySalesModule;
import io.eventline.projection.readmodel.stock.StockLevelModule;
import io.eventline.projection.saga.OrderFulfilmentModule;
import io.eventline.projection.saga.SagaSettings;
import io.eventline.schemas.registry.KafkaTopicRegistrySettings;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.PipelineAcls;
import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.schemas.topics.TopicSpec;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.config.ServiceSettings;
import io.eventline.testsupport.SecuredKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * Both services on a secured broker, each with its own principal and the ACLs of {@link PipelineAcls},
 * configured through KAFKA_* variables only; topics created beforehand by the operator (the super user).
 */
final class SecuredServices implements AutoCloseable {

    static final String COMMANDS = "command-service";
    static final String PROJECTIONS = "projections";
    static final String COMMANDS_ID = "secured-commands";
    static final String PROJECTIONS_ID = "secured-projections";
    static final String SCHEMA_TOPIC = KafkaTopicRegistrySettings.DEFAULT_TOPIC;

    final Topics topics = Topics.defaults();
    final SecuredKafka kafka;
    final Path root;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    CommandService commands;
    ProjectionService projections;

    /** @param root where the broker and the services keep their data; the caller deletes it */
    SecuredServices(Path root) throws Exception {
        this.root = root;
        kafka = SecuredKafka.start(root.resolve("kafka"), List.of(COMMANDS, PROJECTIONS));
        String writerId = KafkaTopicRegistrySettings.TRANSACTIONAL_ID_PREFIX + SCHEMA_TOPIC;
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin).provision(topics.all());
            new TopicProvisioner(admin).provision(List.of(new TopicSpec(SCHEMA_TOPIC, 1, (short) 1, Map.of("cleanup.policy", "compact"))));
            admin.createAcls(PipelineAcls.forUser(COMMANDS).commandService(topics, COMMANDS_ID)
                    .schemaRegistryWriter(SCHEMA_TOPIC, writerId).bindings()).all().get();
            admin.createAcls(PipelineAcls.forUser(PROJECTIONS).projectionService(topics, PROJECTIONS_ID)
                    .schemaRegistryWriter(SCHEMA_TOPIC, writerId).bindings()).all().get();
        }
    }

    void start() throws Exception {
        ServiceSettings commandSettings = settings(COMMANDS, COMMANDS_ID);
        commands = closeLater(CommandService.start(commandSettings, registry(commandSettings)));
        ServiceSettings projectionSettings = settings(PROJECTIONS, PROJECTIONS_ID);
        // A deadline far beyond the test: the saga must complete the order, not time it out.
        List<ProjectionModule> modules = List.of(new OrderFulfilmentModule(SagaSettings.defaults().withDeadline(Duration.ofMinutes(5))),
                new OrderSummaryModule(), new CustomerStatsModule(), new DailySalesModule(), new StockLevelModule(),
                new AccountBalanceModule());
        projections = closeLater(ProjectionService.start(projectionSettings, registry(projectionSettings), modules,
                ConsoleSettings.of("http://localhost:" + commands.httpPort())));
    }

    /** What each service reads from its environment: only KAFKA_* variables carry its credentials. */
    private ServiceSettings settings(String user, String applicationId) throws IOException {
        Map<String, String> env = new HashMap<>(kafka.kafkaEnvironment(user));
        env.putAll(Map.of("EVENTLINE_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "EVENTLINE_APPLICATION_ID", applicationId,
                "EVENTLINE_HTTP_PORT", String.valueOf(freePort()),
                "EVENTLINE_STANDBY_REPLICAS", "0",
                "EVENTLINE_STATE_DIR", root.resolve(applicationId).toString()));
        return ServiceSettings.fromEnvironment(env, "unused", 0);
    }

    private SchemaRegistry registry(ServiceSettings settings) {
        return closeLater(SchemaRegistries.fromConfig(settings.schemaRegistryConfig()));
    }

    HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return new ObjectMapper().readTree(response.body());
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
        kafka.close();
    }
}
