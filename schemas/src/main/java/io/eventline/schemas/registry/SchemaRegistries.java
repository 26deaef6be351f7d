package io.eventline.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Picks the registry a process uses from its configuration, the same keys for every service:
 * <ul>
 *   <li>{@value #URL}: a Confluent Schema Registry (the first of a comma-separated list); else
 *   <li>the embedded registry in a Kafka topic, using every other key as Kafka client configuration
 *       (bootstrap.servers, security ...), plus {@value #TOPIC} (default {@value KafkaTopicRegistrySettings#DEFAULT_TOPIC})
 *       and {@value #REPLICATION_FACTOR} (default 1).
 *   <li>{@value #TIMEOUT_MS} bounds every registry call of either kind.
 * </ul>
 */
public final class SchemaRegistries {
    public static final String URL = "schema.registry.url";
    public static final String TOPIC = "eventline.schema.registry.topic";
    public static final String REPLICATION_FACTOR = "eventline.schema.registry.replication.factor";
    public static final String TIMEOUT_MS = "eventline.schema.registry.timeout.ms";

    private SchemaRegistries() {
    }

    public static SchemaRegistry fromConfig(Map<String, ?> config) {
        Object url = config.get(URL);
        if (url != null && !url.toString().isBlank()) {
            Duration timeout = timeout(config, ConfluentRestSchemaRegistry.DEFAULT_REQUEST_TIMEOUT);
            return new ConfluentRestSchemaRegistry(URI.create(url.toString().split(",")[0].trim()),
                    ConfluentRestSchemaRegistry.DEFAULT_CONNECT_TIMEOUT, timeout);
        }
        Map<String, Object> kafka = new HashMap<>(config);
        kafka.keySet().removeIf(key -> key.startsWith("eventline.") || key.startsWith("schema.registry."));
        Object topic = config.get(TOPIC);
        Object replication = config.get(REPLICATION_FACTOR);
        return KafkaTopicSchemaRegistry.open(new KafkaTopicRegistrySettings(kafka,
                topic == null ? KafkaTopicRegistrySettings.DEFAULT_TOPIC : topic.toString(),
                replication == null ? 1 : Short.parseShort(replication.toString()),
                timeout(config, KafkaTopicRegistrySettings.DEFAULT_TIMEOUT)));
    }

    private static Duration timeout(Map<String, ?> config, Duration otherwise) {
        Object millis = config.get(TIMEOUT_MS);
        return millis == null ? otherwise : Duration.ofMillis(Long.parseLong(millis.toString()));
    }
}
