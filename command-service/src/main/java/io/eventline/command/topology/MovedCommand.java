package io.eventline.command.topology;

import io.eventline.contracts.AggregatePartitioner;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * A command record found on a partition other than its aggregate's, on its way to the right one:
 * the record's own key, unchanged, with the aggregate id that chooses the partition.
 */
record MovedCommand(String aggregateId, String originalKey) {

    static final String MOVED_FROM = AggregatePartitioner.MOVED_FROM;

    /** Writes the record's original key. */
    static final class KeySerializer implements Serializer<MovedCommand> {
        @Override
        public byte[] serialize(String topic, MovedCommand key) {
            return key == null || key.originalKey() == null ? null : key.originalKey().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The aggregate's partition, by the rule every side shares. */
    static final class Partitioner implements StreamPartitioner<MovedCommand, byte[]> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, MovedCommand key, byte[] value, int numPartitions) {
            return Optional.of(Set.of(AggregatePartitioner.partitionOf(key.aggregateId(), numPartitions)));
        }
    }
}
