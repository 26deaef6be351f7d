package io.eventline.schemas.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How the embedded registry reaches its topic. {@code clientConfig} is any Kafka client
 * configuration (bootstrap servers, security); the registry adds what its clients need.
 *
 * @param topic             the compacted schema topic, {@value #DEFAULT_TOPIC} by default
 * @param replicationFactor used only when the registry creates the topic
 * @param timeout           the longest any registry call blocks on Kafka
 */
public record KafkaTopicRegistrySettings(Map<String, Object> clientConfig, String topic, short replicationFactor, Duration timeout) {
    public static final String DEFAULT_TOPIC = "_eventline.schemas";
    /** Every writer of a topic, in every process, uses the same one: that is what makes them take turns. */
    public static final String TRANSACTIONAL_ID_PREFIX = "eventline-schema-registry.";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public KafkaTopicRegistrySettings {
        clientConfig = Map.copyOf(clientConfig);
        if (!clientConfig.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("The schema registry topic needs " + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        }
    }

    public static KafkaTopicRegistrySettings of(String bootstrapServers) {
        return new KafkaTopicRegistrySettings(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                DEFAULT_TOPIC, (short) 1, DEFAULT_TIMEOUT);
    }

    public KafkaTopicRegistrySettings withTopic(String topic) {
        return new KafkaTopicRegistrySettings(clientConfig, topic, replicationFactor, timeout);
    }

    public KafkaTopicRegistrySettings withReplicationFactor(short replicationFactor) {
        return new KafkaTopicRegistrySettings(clientConfig, topic, replicationFactor, timeout);
    }

    public KafkaTopicRegistrySettings withTimeout(Duration timeout) {
        return new KafkaTopicRegistrySettings(clientConfig, topic, replicationFactor, timeout);
    }

    /** Derived from the topic alone, so two pipelines' registries on one cluster do not wait for each other. */
    public String transactionalId() {
        return TRANSACTIONAL_ID_PREFIX + topic;
    }

    Map<String, Object> transactionalProducerConfig() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "eventline-schema-registry-writer-" + ProcessHandle.current().pid());
        return config;
    }

    Map<String, Object> readCommittedConsumerConfig() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // partitions are assigned, offsets never committed
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A catch-up starts by asking for the end offset. After a poll, the consumer has a fetch parked
        // at the broker, and the broker answers one request per connection at a time, so the
        // list-offsets request waited behind that fetch for the whole default 500 ms.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "eventline-schema-registry-reader-" + ProcessHandle.current().pid());
        return config;
    }
}
