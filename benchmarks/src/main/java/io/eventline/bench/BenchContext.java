package io.eventline.bench;

import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.config.ServiceSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** Where a benchmark runs: the cluster, the registry, a scratch directory, and fresh names per run. */
public record BenchContext(String bootstrapServers, Map<String, String> clientOverrides, SchemaRegistry registry, Path workDir,
                    String runId, int partitions) {

    Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(clientOverrides);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    /** Service settings for a pipeline with its own topic prefix and application id. */
    ServiceSettings settings(String name, int httpPort) {
        return settings(name, name, httpPort);
    }

    /** Settings for one service ({@code application}) of the pipeline {@code name}. */
    ServiceSettings settings(String name, String application, int httpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("EVENTLINE_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("EVENTLINE_TOPIC_PREFIX", prefix(name));
        env.put("EVENTLINE_APPLICATION_ID", "bench-" + runId + "-" + application);
        env.put("EVENTLINE_PARTITIONS", String.valueOf(partitions));
        env.put("EVENTLINE_STANDBY_REPLICAS", "0");
        env.put("EVENTLINE_HTTP_HOST", "127.0.0.1");
        env.put("EVENTLINE_STATE_DIR", workDir.resolve(application + "-" + httpPort).toString());
        clientOverrides.forEach((k, v) -> env.put("KAFKA_" + k.toUpperCase().replace('.', '_'), v));
        return ServiceSettings.fromEnvironment(env, "unused", httpPort);
    }

    String prefix(String name) {
        return "bench-" + runId + "-" + name;
    }

    void provision(Topics topics) {
        try (Admin admin = Admin.create(clientConfig())) {
            new TopicProvisioner(admin).provision(topics.all());
        }
    }

    /** Creates a plain topic and returns once every partition has a leader (see TopicProvisioner). */
    void createTopic(String name) throws Exception {
        try (Admin admin = Admin.create(clientConfig())) {
            new TopicProvisioner(admin).provision(List.of(new io.eventline.schemas.topics.TopicSpec(name, partitions, (short) 1, Map.of())));
        }
    }
}
