package io.eventline.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (broker and KRaft controller in one process), started in this JVM
 * from Apache Kafka's own server classes. Its data directory persists across restarts: storage is
 * formatted only when it has never been, so a restart keeps every topic and offset.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final EmbeddedKafkaConfig config;
    private final KafkaRaftServer server;

    private EmbeddedKafkaBroker(EmbeddedKafkaConfig config, KafkaRaftServer server) {
        this.config = config;
        this.server = server;
    }

    /** Formats storage if needed, starts the broker and returns once it answers metadata requests. */
    public static EmbeddedKafkaBroker start(EmbeddedKafkaConfig config) {
        Instant began = Instant.now();
        KafkaConfig kafkaConfig = KafkaConfig.fromProps(brokerProperties(config), false);
        formatOnce(config, kafkaConfig);
        KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        server.startup();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config, server);
        try {
            broker.awaitReady(config.startupTimeout());
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.info("Kafka broker ready on {} in {} ms (data in {})",
                broker.bootstrapServers(), Duration.between(began, Instant.now()).toMillis(), config.dataDir());
        return broker;
    }

    public String bootstrapServers() {
        return config.host() + ":" + config.port();
    }

    public EmbeddedKafkaConfig config() {
        return config;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Blocks until the JVM is asked to stop; the caller's shutdown hook closes the broker. */
    public void awaitShutdown() {
        server.awaitShutdown();
    }

    static Properties brokerProperties(EmbeddedKafkaConfig config) {
        Map<String, String> p = new HashMap<>();
        String host = config.host();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + host + ":" + config.controllerPort());
        p.put("listeners", "PLAINTEXT://" + host + ":" + config.port() + ",CONTROLLER://" + host + ":" + config.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + config.port());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", config.dataDir().resolve("logs").toString());
        p.put("metadata.log.dir", config.dataDir().resolve("metadata").toString());
        // One node: every internal topic can only have one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions: the first consumer group and the first transaction start in
        // well under a second instead of waiting for fifty partitions to be created.
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "6");
        // Topics are provisioned as code; a typo in a topic name must fail, not create a topic.
        p.put("auto.create.topics.enable", "false");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.putAll(config.overrides());
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private static void formatOnce(EmbeddedKafkaConfig config, KafkaConfig kafkaConfig) {
        Path metadataDir = config.dataDir().resolve("metadata");
        if (Files.exists(metadataDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return;
        }
        try {
            Files.createDirectories(config.dataDir());
            Formatter formatter = new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(kafkaConfig.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(metadataDir.toString())
                    .setScramArguments(config.scramCredentials())
                    .addDirectory(config.dataDir().resolve("logs").toString())
                    .addDirectory(metadataDir.toString());
            formatter.run();
            LOG.info("Formatted new Kafka storage in {}", config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady(Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.putAll(config.clientOverrides());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(1, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker did not become ready on "
                                + bootstrapServers() + " within " + timeout, notYet);
                    }
                }
            }
        }
    }
}
