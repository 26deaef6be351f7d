package io.eventline.launcher;

import io.eventline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventline.kafka.embedded.EmbeddedKafkaConfig;
import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the embedded single-node Kafka cluster with every topic of the pipeline, until Ctrl-C. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run the embedded Kafka broker (KRaft, single node) with all pipeline topics, until Ctrl-C.")
final class ClusterCommand implements Callable<Integer> {

    @Mixin
    TopicOptions topicOptions;

    @Option(names = "--data-dir", defaultValue = "${env:EVENTLINE_DATA_DIR:-.eventline/kafka}",
            description = "Broker storage, kept across restarts (env EVENTLINE_DATA_DIR, default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "${env:EVENTLINE_KAFKA_PORT:-9092}",
            description = "Client port; the controller uses the next one (env EVENTLINE_KAFKA_PORT, default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() {
        EmbeddedKafkaBroker broker = startBroker(dataDir, port);
        io.eventline.service.app.BoundedShutdown.onShutdown("broker-shutdown", broker::close);
        List<String> created = provision(broker.bootstrapServers(), topicOptions.topics());
        System.out.printf("Kafka is listening on %s (data in %s); %d topics created, %d in all with prefix '%s'.%n",
                broker.bootstrapServers(), dataDir.toAbsolutePath(), created.size(), topicOptions.topics().all().size(),
                topicOptions.topics().prefix());
        System.out.println("Other JVMs can join with bootstrap servers " + broker.bootstrapServers() + ". Ctrl-C stops.");
        broker.awaitShutdown();
        return 0;
    }

    static EmbeddedKafkaBroker startBroker(Path dataDir, int port) {
        return EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.of(dataDir, port));
    }

    static List<String> provision(String bootstrapServers, Topics topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            return new TopicProvisioner(admin).provision(topics.all());
        }
    }
}
