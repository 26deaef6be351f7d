package io.eventline.command.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions an event by its aggregate id alone, exactly as the default partitioner places a
 * command keyed by that id: an aggregate's commands and events share one partition number, and
 * its events stay in order.
 */
public final class AggregatePartitioner implements StreamPartitioner<EventKeyRef, byte[]> {

    public static int partitionOf(String aggregateId, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(aggregateId.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, EventKeyRef key, byte[] value, int numPartitions) {
        return Optional.of(Set.of(partitionOf(key.aggregateId(), numPartitions)));
    }
}
