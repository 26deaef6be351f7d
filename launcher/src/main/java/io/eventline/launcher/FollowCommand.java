package io.eventline.launcher;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.command.query.AggregateJson;
import io.eventline.contracts.AggregatePartitioner;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.ServiceSettings;
import io.eventline.service.http.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints an aggregate's events as JSON lines, from its first event, then as they are appended. */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = "Follow an aggregate's events (its history first), one JSON line each, until Ctrl-C.")
final class FollowCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Aggregate type: order, inventory, account or shipment.")
    String aggregateType;

    @Parameters(index = "1", description = "Aggregate id.")
    String aggregateId;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (env EVENTLINE_BOOTSTRAP_SERVERS, default localhost:9092).")
    String bootstrapServers;

    @Option(names = "--no-follow", description = "Print the history and stop.")
    boolean historyOnly;

    @Override
    public Integer call() throws Exception {
        ServiceSettings settings = ServiceSettings.fromEnvironment(System.getenv(), "eventline-cli", 0);
        if (bootstrapServers != null) {
            settings = settings.withBootstrapServers(bootstrapServers);
        }
        Json json = new Json();
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        config.put("isolation.level", "read_committed");
        String topic = settings.topics().events(aggregateType);
        try (SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
             var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            AggregateType<?, ?, ?> type = Aggregates.all(registry).stream().filter(t -> t.name().equals(aggregateType))
                    .findFirst().orElseThrow();
            // The aggregate's events all live in one partition: the one its id hashes to.
            TopicPartition partition = new TopicPartition(topic,
                    AggregatePartitioner.partitionOf(aggregateId, consumer.partitionsFor(topic).size()));
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (!historyOnly || consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    EventEnvelope<?> event = type.codec().decodeEvent(topic, record.headers(), record.value());
                    if (event.metadata().aggregateId().equals(aggregateId)) {
                        System.out.println(new String(json.write(AggregateJson.event(event))));
                    }
                }
            }
        }
        return 0;
    }
}
