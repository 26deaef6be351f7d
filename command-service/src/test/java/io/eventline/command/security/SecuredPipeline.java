package io.eventline.command.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventline.command.app.CommandService;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.registry.KafkaTopicRegistrySettings;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * A secured broker with the pipeline's topics, created by the operator (the super user), the ACLs
 * of {@link PipelineAcls}, and one command service that knows its principal only from KAFKA_* variables.
 */
final class SecuredPipeline implements AutoCloseable {

    static final String SERVICE = "command-service";
    static final String PRODUCER = "order-desk";
    static final String STRANGER = "stranger";
    static final String APPLICATION_ID = "secured-commands";
    static final String SCHEMA_TOPIC = KafkaTopicRegistrySettings.DEFAULT_TOPIC;
    static final String SCHEMA_WRITER = KafkaTopicRegistrySettings.TRANSACTIONAL_ID_PREFIX + SCHEMA_TOPIC;

    final Topics topics = Topics.defaults();
    final SecuredKafka kafka;
    final SchemaRegistry registry;
    final CommandService service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SecuredPipeline(SecuredKafka kafka, SchemaRegistry registry, CommandService service) {
        this.kafka = kafka;
        this.registry = registry;
        this.service = service;
    }

    /** @param root where the broker and the service keep their data; the caller deletes it */
    static SecuredPipeline start(Path root) throws Exception {
        SecuredKafka kafka = SecuredKafka.start(root.resolve("kafka"), List.of(SERVICE, PRODUCER, STRANGER));
        try {
            Topics topics = Topics.defaults();
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin).provision(topics.all());
                new TopicProvisioner(admin).provision(List.of(new TopicSpec(SCHEMA_TOPIC, 1, (short) 1,
                        Map.of("cleanup.policy", "compact"))));
                admin.createAcls(PipelineAcls.forUser(SERVICE).commandService(topics, APPLICATION_ID)
                        .schemaRegistryWriter(SCHEMA_TOPIC, SCHEMA_WRITER).bindings()).all().get();
                // A producer reads the schemas; registering them is for the services (see the test).
                admin.createAcls(PipelineAcls.forUser(PRODUCER).commandProducer(topics)
                        .schemaRegistryReader(SCHEMA_TOPIC).bindings()).all().get();
            }
            Map<String, String> env = new HashMap<>(kafka.kafkaEnvironment(SERVICE));
            env.putAll(Map.of("EVENTLINE_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "EVENTLINE_APPLICATION_ID", APPLICATION_ID,
                    "EVENTLINE_HTTP_PORT", String.valueOf(freePort()),
                    "EVENTLINE_STANDBY_REPLICAS", "0",
                    "EVENTLINE_STATE_DIR", root.resolve("state").toString()));
            ServiceSettings settings = ServiceSettings.fromEnvironment(env, "unused", 0);
            SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
            return new SecuredPipeline(kafka, registry, CommandService.start(settings, registry));
        } catch (Exception | AssertionError e) {
            kafka.close();
            throw e;
        }
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return new ObjectMapper().readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + service.httpPort() + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        service.close();
        registry.close();
        kafka.close();
    }
}
