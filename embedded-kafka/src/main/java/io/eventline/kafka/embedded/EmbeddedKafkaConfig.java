package io.eventline.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where and how the embedded broker runs.
 *
 * @param dataDir           persistent storage; formatted on first start, reused afterwards
 * @param host              the host clients connect to (and the broker binds)
 * @param port              the client port, fixed so that other JVMs can join
 * @param controllerPort    the KRaft controller port
 * @param overrides         broker properties that replace the defaults (security, say)
 * @param clientOverrides   client properties the readiness check needs (credentials, say)
 * @param scramCredentials  SCRAM users written at format time, in kafka-storage's syntax
 */
public record EmbeddedKafkaConfig(
        Path dataDir,
        String host,
        int port,
        int controllerPort,
        Map<String, String> overrides,
        Map<String, String> clientOverrides,
        List<String> scramCredentials,
        Duration startupTimeout) {

    public static final int DEFAULT_PORT = 9092;

    public EmbeddedKafkaConfig {
        overrides = Map.copyOf(overrides);
        clientOverrides = Map.copyOf(clientOverrides);
        scramCredentials = List.copyOf(scramCredentials);
        if (port <= 0 || controllerPort <= 0) {
            throw new IllegalArgumentException("ports must be fixed and positive, got " + port + " and " + controllerPort);
        }
    }

    /** The defaults: localhost:9092, controller on 9093. */
    public static EmbeddedKafkaConfig of(Path dataDir, int port) {
        return new EmbeddedKafkaConfig(dataDir, "localhost", port, port + 1, Map.of(), Map.of(), List.of(), Duration.ofSeconds(60));
    }

    /** Two free ports picked now, for tests that must not collide with a running broker. */
    public static EmbeddedKafkaConfig onFreePorts(Path dataDir) {
        return new EmbeddedKafkaConfig(dataDir, "localhost", freePort(), freePort(), Map.of(), Map.of(), List.of(), Duration.ofSeconds(60));
    }

    public EmbeddedKafkaConfig withOverrides(Map<String, String> broker, Map<String, String> client, List<String> scram) {
        return new EmbeddedKafkaConfig(dataDir, host, port, controllerPort, broker, client, scram, startupTimeout);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
