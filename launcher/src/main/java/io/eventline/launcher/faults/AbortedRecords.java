package io.eventline.launcher.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How many records of the pipeline's events and results were written but never committed: up to
 * the last stable offset, read uncommitted minus read committed. Each is a write that a fenced or
 * crashed producer made and that no reader will ever see.
 */
final class AbortedRecords {

    private AbortedRecords() {}

    static long count(FaultPipeline pipeline) {
        List<String> topics = new ArrayList<>(pipeline.types.stream().map(t -> pipeline.settings.topics().events(t.name())).toList());
        topics.add(pipeline.settings.topics().commandResults());
        Map<String, Object> config = pipeline.settings.clientConfig();
        try (var committed = consumer(config, "read_committed"); var uncommitted = consumer(config, "read_uncommitted")) {
            List<TopicPartition> partitions = topics.stream().flatMap(t -> committed.partitionsFor(t).stream()
                    .map(p -> new TopicPartition(t, p.partition()))).toList();
            Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
            return count(uncommitted, partitions, stable) - count(committed, partitions, stable);
        }
    }

    private static long count(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        long count = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
            for (var record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    count++;
                }
            }
        }
        return count;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> clientConfig, String isolation) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
