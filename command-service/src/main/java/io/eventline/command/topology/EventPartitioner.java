package io.eventline.command.topology;

import io.eventline.contracts.AggregatePartitioner;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions an event by its aggregate id alone ({@link AggregatePartitioner}): an aggregate's
 * commands and events share one partition number, and its events stay in order.
 */
final class EventPartitioner implements StreamPartitioner<EventKeyRef, byte[]> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, EventKeyRef key, byte[] value, int numPartitions) {
        return Optional.of(Set.of(AggregatePartitioner.partitionOf(key.aggregateId(), numPartitions)));
    }
}
