package io.eventline.launcher.faults;

import io.eventline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventline.kafka.embedded.EmbeddedKafkaConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Kafka broker alone in its JVM, so that a test can stop and restart it on the same data
 * directory and ports: {@code BrokerMain <dataDir> <port> <controllerPort>}. SIGTERM stops it cleanly.
 */
public final class BrokerMain {

    private BrokerMain() {}

    public static void main(String[] args) {
        EmbeddedKafkaConfig config = new EmbeddedKafkaConfig(Path.of(args[0]), "localhost", Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Map.of(), Map.of(), List.of(), Duration.ofSeconds(60));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        System.out.println("READY " + broker.bootstrapServers());
        broker.awaitShutdown();
    }
}
