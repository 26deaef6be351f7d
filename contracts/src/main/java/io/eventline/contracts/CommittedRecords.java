package io.eventline.contracts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics as Kafka's own exactly-once verifier does: {@code read_committed}, from the
 * beginning to an end taken now (the last stable offset), so that what is read is exactly what
 * was committed by then. The verifier, the tests and the tools read the pipeline's topics through this.
 */
public final class CommittedRecords {

    private CommittedRecords() {}

    /** Every committed record of {@code topic}, from its beginning to its last stable offset now. */
    public static List<ConsumerRecord<byte[], byte[]>> readToEnd(Map<String, Object> clientConfig, String topic, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(clientConfig, "read_committed")) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic, timeout);
            return read(consumer, consumer.endOffsets(partitions, timeout), timeout);
        }
    }

    /** Every committed record of the given partitions, from their beginning up to (not including) the given ends. */
    public static List<ConsumerRecord<byte[], byte[]>> read(Map<String, Object> clientConfig, Map<TopicPartition, Long> end,
                                                           Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(clientConfig, "read_committed")) {
            return read(consumer, end, timeout);
        }
    }

    /** True when no transaction is open on the topic: its last stable offset is its high watermark everywhere. */
    public static boolean noOpenTransactions(Map<String, Object> clientConfig, String topic, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> committed = consumer(clientConfig, "read_committed");
             KafkaConsumer<byte[], byte[]> uncommitted = consumer(clientConfig, "read_uncommitted")) {
            List<TopicPartition> partitions = partitionsOf(committed, topic, timeout);
            return committed.endOffsets(partitions, timeout).equals(uncommitted.endOffsets(partitions, timeout));
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer,
                                                             Map<TopicPartition, Long> end, Duration timeout) {
        List<TopicPartition> partitions = List.copyOf(end.keySet());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + end.keySet() + " to their end within " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                // Records past the end taken earlier belong to a later read.
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<byte[], byte[]> consumer, String topic, Duration timeout) {
        return consumer.partitionsFor(topic, timeout).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> clientConfig, String isolation) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
