package io.eventline.bench;

import io.eventline.command.app.CommandService;
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

    /** Command-service settings, as shipped, for a pipeline with its own topic prefix and application id. */
    ServiceSettings commandSettings(String name, int httpPort, Map<String, String> more) {
        Map<String, String> env = new HashMap<>();
        env.put("EVENTLINE_STREAM_THREADS", String.valueOf(CommandService.DEFAULT_STREAM_THREADS));
        env.putAll(more);
        return settings(name, name, httpPort, env);
    }

    /** Settings for one service ({@code application}) of the pipeline {@code name}. */
    ServiceSettings settings(String name, String application, int httpPort) {
        return settings(name, application, httpPort, Map.of());
    }

    /** As above, with more environment on top (EVENTLINE_* or KAFKA_* settings of a variant). */
    ServiceSettings settings(String name, String application, int httpPort, Map<String, String> more) {
        return ServiceSettings.fromEnvironment(environment(name, application, httpPort, more), "unused", httpPort);
    }

    /** The environment that configures one service of the pipeline {@code name}, in this process or another. */
    Map<String, String> environment(String name, String application, int httpPort, Map<String, String> more) {
        Map<String, String> env = new HashMap<>();
        env.put("EVENTLINE_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("EVENTLINE_TOPIC_PREFIX", prefix(name));
        env.put("EVENTLINE_APPLICATION_ID", "bench-" + runId + "-" + application);
        env.put("EVENTLINE_PARTITIONS", String.valueOf(partitions));
        env.put("EVENTLINE_STANDBY_REPLICAS", "0");
        env.put("EVENTLINE_HTTP_HOST", "127.0.0.1");
        env.put("EVENTLINE_INSECURE", "true"); // on this machine only, for the benchmark's own clients
        env.put("EVENTLINE_STATE_DIR", workDir.resolve(application + "-" + httpPort).toString());
        clientOverrides.forEach((k, v) -> env.put("KAFKA_" + k.toUpperCase().replace('.', '_'), v));
        env.put("EVENTLINE_HTTP_PORT", String.valueOf(httpPort));
        env.putAll(more);
        return env;
    }

    /** The same place with other names, for a second pipeline of the same kind in one run. */
    BenchContext withRunId(String otherRunId) {
        return new BenchContext(bootstrapServers, clientOverrides, registry, workDir, otherRunId, partitions);
    }

    /** Deletes every topic of this run id (pipelines and Streams internals), so the next run starts on a lean broker. */
    void deleteTopics() throws Exception {
        try (Admin admin = Admin.create(clientConfig())) {
            String prefix = "bench-" + runId + "-";
            List<String> mine = admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix)).toList();
            admin.deleteTopics(mine).all().get();
        }
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
