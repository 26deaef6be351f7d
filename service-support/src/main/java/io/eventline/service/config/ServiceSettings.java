package io.eventline.service.config;

import io.eventline.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A service's whole configuration, read once from the environment (see README, Configuration).
 * Only this record builds Kafka properties; topologies get typed values, never raw properties.
 */
public record ServiceSettings(
        String applicationId,
        String bootstrapServers,
        Topics topics,
        Optional<String> schemaRegistryUrl,
        String httpHost,
        int httpPort,
        String advertisedHost,
        Path stateDir,
        Duration commitInterval,
        Duration readModelCommitInterval,
        int standbyReplicas,
        int streamThreads,
        Duration dedupRetention,
        Duration maxClockSkew,
        int poisonAttempts,
        long maxStaleLag,
        Optional<String> bearerToken,
        Optional<String> httpTokens,
        io.eventline.service.http.HttpTls httpTls,
        int maxBodyBytes,
        Map<String, String> kafkaOverrides) {

    /**
     * How far ahead of the service's clock a command's issuedAt may be. Well under the hour the
     * broker allows a record timestamp ahead of its own clock, which is how far clocks may disagree.
     */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    /**
     * The exactly-once commit interval of what others wait on: the command service (a command's
     * result and events become visible at its commit) and the saga (its next command does).
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    /**
     * The commit interval of a read model, which nothing in the pipeline waits on. Each commit is a
     * transaction on every partition it wrote (markers, the transaction log, the offsets); five read
     * models committing every 100 ms were most of the transactions of a busy pipeline, for views that
     * a reader sees at most this much later (docs/benchmarks.md, "Whole pipeline").
     */
    public static final Duration DEFAULT_READ_MODEL_COMMIT_INTERVAL = Duration.ofSeconds(1);

    public ServiceSettings {
        kafkaOverrides = Map.copyOf(kafkaOverrides);
        if (poisonAttempts < 1) {
            throw new IllegalArgumentException("EVENTLINE_POISON_ATTEMPTS must be at least 1, got " + poisonAttempts);
        }
        if (commitInterval.isNegative() || commitInterval.isZero() || readModelCommitInterval.isNegative()
                || readModelCommitInterval.isZero()) {
            throw new IllegalArgumentException("EVENTLINE_COMMIT_INTERVAL and EVENTLINE_READ_MODEL_COMMIT_INTERVAL must be positive, got "
                    + commitInterval + " and " + readModelCommitInterval);
        }
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("EVENTLINE_MAX_CLOCK_SKEW must not be negative, got " + maxClockSkew);
        }
    }

    /**
     * Every variable {@link #fromEnvironment} reads, besides the {@code KAFKA_*} passthrough: what a
     * deployment (docker-compose.yml) may set. ServiceSettingsTest fails when the two disagree.
     */
    public static final List<String> VARIABLES = List.of(
            "EVENTLINE_APPLICATION_ID",
            "EVENTLINE_TOPIC_PREFIX", "EVENTLINE_PARTITIONS", "EVENTLINE_REPLICATION_FACTOR",
            "EVENTLINE_COMMAND_RETENTION", "EVENTLINE_RESULT_RETENTION", "EVENTLINE_DLQ_RETENTION",
            "EVENTLINE_HTTP_PORT", "EVENTLINE_BOOTSTRAP_SERVERS", "EVENTLINE_SCHEMA_REGISTRY_URL",
            "EVENTLINE_HTTP_HOST", "EVENTLINE_ADVERTISED_HOST", "EVENTLINE_STATE_DIR",
            "EVENTLINE_COMMIT_INTERVAL", "EVENTLINE_READ_MODEL_COMMIT_INTERVAL", "EVENTLINE_STANDBY_REPLICAS", "EVENTLINE_STREAM_THREADS",
            "EVENTLINE_DEDUP_RETENTION", "EVENTLINE_MAX_STALE_LAG", "EVENTLINE_HTTP_TOKEN", "EVENTLINE_HTTP_TOKENS",
            "EVENTLINE_HTTP_TLS_KEYSTORE", "EVENTLINE_HTTP_TLS_KEYSTORE_PASSWORD", "EVENTLINE_HTTP_TLS_CERT",
            "EVENTLINE_HTTP_TLS_KEY", "EVENTLINE_HTTP_TLS_CA",
            "EVENTLINE_HTTP_MAX_BODY_BYTES", "EVENTLINE_MAX_CLOCK_SKEW", "EVENTLINE_POISON_ATTEMPTS");

    public static ServiceSettings fromEnvironment(Map<String, String> env, String defaultApplicationId, int defaultHttpPort) {
        return fromEnvironment(env, defaultApplicationId, defaultHttpPort, 1);
    }

    /** As above, for a service whose stream threads default to another number than one (the command service). */
    public static ServiceSettings fromEnvironment(Map<String, String> env, String defaultApplicationId, int defaultHttpPort,
                                                  int defaultStreamThreads) {
        env = SecretFiles.resolve(env);
        Environment e = new Environment(env);
        String applicationId = e.string("EVENTLINE_APPLICATION_ID", defaultApplicationId);
        Topics defaults = Topics.defaults();
        Topics topics = new Topics(
                e.string("EVENTLINE_TOPIC_PREFIX", Topics.DEFAULT_PREFIX),
                e.integer("EVENTLINE_PARTITIONS", Topics.DEFAULT_PARTITIONS),
                (short) e.integer("EVENTLINE_REPLICATION_FACTOR", 1),
                e.duration("EVENTLINE_COMMAND_RETENTION", defaults.commandRetention()),
                e.duration("EVENTLINE_RESULT_RETENTION", defaults.resultRetention()),
                e.duration("EVENTLINE_DLQ_RETENTION", defaults.dlqRetention()));
        int httpPort = e.integer("EVENTLINE_HTTP_PORT", defaultHttpPort);
        return new ServiceSettings(
                applicationId,
                e.string("EVENTLINE_BOOTSTRAP_SERVERS", "localhost:9092"),
                topics,
                e.optional("EVENTLINE_SCHEMA_REGISTRY_URL"),
                e.string("EVENTLINE_HTTP_HOST", "0.0.0.0"),
                httpPort,
                e.string("EVENTLINE_ADVERTISED_HOST", "localhost"),
                Path.of(e.string("EVENTLINE_STATE_DIR", ".eventline/state/" + applicationId + "-" + httpPort)),
                e.duration("EVENTLINE_COMMIT_INTERVAL", DEFAULT_COMMIT_INTERVAL),
                e.duration("EVENTLINE_READ_MODEL_COMMIT_INTERVAL", DEFAULT_READ_MODEL_COMMIT_INTERVAL),
                e.integer("EVENTLINE_STANDBY_REPLICAS", 1),
                e.integer("EVENTLINE_STREAM_THREADS", defaultStreamThreads),
                e.duration("EVENTLINE_DEDUP_RETENTION", Duration.ofDays(7)),
                e.duration("EVENTLINE_MAX_CLOCK_SKEW", DEFAULT_MAX_CLOCK_SKEW),
                e.integer("EVENTLINE_POISON_ATTEMPTS", 3),
                e.integer("EVENTLINE_MAX_STALE_LAG", 10_000),
                e.optional("EVENTLINE_HTTP_TOKEN"),
                e.optional("EVENTLINE_HTTP_TOKENS"),
                new io.eventline.service.http.HttpTls(e.optional("EVENTLINE_HTTP_TLS_KEYSTORE").map(Path::of),
                        e.optional("EVENTLINE_HTTP_TLS_KEYSTORE_PASSWORD"), e.optional("EVENTLINE_HTTP_TLS_CERT").map(Path::of),
                        e.optional("EVENTLINE_HTTP_TLS_KEY").map(Path::of), e.optional("EVENTLINE_HTTP_TLS_CA").map(Path::of)),
                e.integer("EVENTLINE_HTTP_MAX_BODY_BYTES", 1024 * 1024),
                KafkaEnvironment.clientProperties(env));
    }

    /** Where application {@code applicationId} keeps its local state: its own directory under {@link #stateDir()}. */
    public Path applicationStateDir(String applicationId) {
        return stateDir.resolve(applicationId).toAbsolutePath();
    }

    /** The same settings with other values for what differs between two instances on one machine. */
    public ServiceSettings withInstance(int httpPort, Path stateDir) {
        return new ServiceSettings(applicationId, bootstrapServers, topics, schemaRegistryUrl, httpHost, httpPort,
                advertisedHost, stateDir, commitInterval, readModelCommitInterval, standbyReplicas, streamThreads, dedupRetention, maxClockSkew, poisonAttempts, maxStaleLag,
                bearerToken, httpTokens, httpTls, maxBodyBytes, kafkaOverrides);
    }

    public ServiceSettings withBootstrapServers(String servers) {
        return new ServiceSettings(applicationId, servers, topics, schemaRegistryUrl, httpHost, httpPort,
                advertisedHost, stateDir, commitInterval, readModelCommitInterval, standbyReplicas, streamThreads, dedupRetention, maxClockSkew, poisonAttempts, maxStaleLag,
                bearerToken, httpTokens, httpTls, maxBodyBytes, kafkaOverrides);
    }

    /** Who may call the HTTP API, from EVENTLINE_HTTP_TOKEN and EVENTLINE_HTTP_TOKENS (a table of hashed tokens). */
    public io.eventline.service.http.Authenticator authenticator() {
        return io.eventline.service.http.Authenticator.of(bearerToken, httpTokens);
    }

    /** How this instance reaches the other instances of its service: as its HTTP API serves, plain or TLS. */
    public io.eventline.service.query.Peers peers() {
        return io.eventline.service.query.Peers.of(httpTls);
    }

    /** Plain client configuration: bootstrap servers plus every KAFKA_* override (security included). */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(kafkaOverrides);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** What {@code SchemaRegistries.fromConfig} needs: a registry URL, or the Kafka client config for the embedded one. */
    public Map<String, Object> schemaRegistryConfig() {
        Map<String, Object> config = clientConfig();
        schemaRegistryUrl.ifPresent(url -> config.put("schema.registry.url", url));
        config.put("eventline.schema.registry.replication.factor", String.valueOf(topics.replicationFactor()));
        return config;
    }

    /**
     * Kafka Streams properties in three layers: tuned defaults, then every {@code KAFKA_*} override
     * (so an operator can change any of them), then what the pipeline's guarantees rest on, which no
     * override can change: exactly-once, the application id, where it serves and keeps state.
     */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replicationFactor());
        p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        // Fail over quickly when an instance dies, rather than after the 45 s default.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
        // Kafka Streams' own default under exactly-once, said here because it was once lowered: no
        // record is readable before its transaction commits, and a commit flushes the producer, so
        // lingering costs no latency. What it saves: the records of a commit interval go out in one
        // batch per partition instead of one every few milliseconds, about half the producer's
        // requests and a quarter of the broker's CPU per order (docs/benchmarks.md).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 100);
        // No global stores here; set as Kafka 5.0 will default it.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        // Kafka Streams' partition assignor builds a StreamsConfig of its own from the main
        // consumer's configuration, and warns at every rebalance unless the flag is there too.
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), "true");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 10_000);
        // With transactions v2 the first send of a transaction can meet CONCURRENT_TRANSACTIONS (the
        // previous commit's markers are still being written) or a retriable OUT_OF_ORDER_SEQUENCE_NUMBER
        // (a pipelined batch overtook the partition's first, still being verified). Both are retried;
        // the default 100 ms backoff would add that to most commits. Measured in docs/benchmarks.md:
        // one request in flight avoids the retries but costs more than it saves.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        p.putAll(kafkaOverrides);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + httpPort);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        return p;
    }

    /** Reads typed values, with a message that names the variable when one is malformed. */
    private record Environment(Map<String, String> env) {
        String string(String name, String fallback) {
            String value = env.get(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        Optional<String> optional(String name) {
            return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
        }

        int integer(String name, int fallback) {
            String value = string(name, null);
            try {
                return value == null ? fallback : Integer.parseInt(value);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
            }
        }

        Duration duration(String name, Duration fallback) {
            String value = string(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                return value.matches("\\d+") ? Duration.ofMillis(Long.parseLong(value)) : Duration.parse(value);
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException(name + " must be milliseconds or an ISO-8601 duration (PT5S, P7D), got '" + value + "'");
            }
        }
    }
}
