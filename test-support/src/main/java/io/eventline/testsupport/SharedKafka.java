package io.eventline.testsupport;

import io.eventline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventline.kafka.embedded.EmbeddedKafkaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One Kafka cluster per test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>{@code eventline.test.kafka} (system property) or {@code EVENTLINE_TEST_KAFKA} (environment)
 * chooses: {@code embedded}, {@code testcontainers}, or {@code auto} (the default: Testcontainers
 * when a Docker engine answers, the embedded broker otherwise). No test fails for lack of Docker.
 */
public final class SharedKafka {

    static final String MODE_PROPERTY = "eventline.test.kafka";
    static final String MODE_ENV = "EVENTLINE_TEST_KAFKA";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private static KafkaTestCluster cluster;

    private SharedKafka() {}

    public static synchronized KafkaTestCluster cluster() {
        if (cluster == null) {
            cluster = switch (mode()) {
                case "embedded" -> startEmbedded();
                case "testcontainers" -> startContainer();
                case "auto" -> dockerAvailable() ? startContainer() : startEmbedded();
                default -> throw new IllegalArgumentException(MODE_PROPERTY + " must be embedded, testcontainers or auto, not " + mode());
            };
        }
        return cluster;
    }

    static String mode() {
        String mode = System.getProperty(MODE_PROPERTY, System.getenv().getOrDefault(MODE_ENV, "auto"));
        return mode.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean dockerAvailable() {
        // Asking Testcontainers when plainly no engine is configured costs seconds and an ERROR log.
        boolean configured = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!configured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static KafkaTestCluster startEmbedded() {
        KafkaExit.failInsteadOfExiting();
        Path dataDir = createTempDir();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.onFreePorts(dataDir));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            deleteRecursively(dataDir);
        }, "embedded-kafka-shutdown"));
        return new Running(broker.bootstrapServers(), "embedded");
    }

    private static KafkaTestCluster startContainer() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-shutdown"));
        return new Running(container.getBootstrapServers(), "testcontainers");
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("eventline-test-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    private record Running(String bootstrapServers, String kind) implements KafkaTestCluster {}
}
