package io.eventline.contracts;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partitioning rule every side shares: an aggregate's commands and events live in the
 * partition that Java's default partitioner gives a record keyed by the aggregate id (murmur2 of
 * its UTF-8 bytes), so the task that owns an aggregate's commands also owns its events and state.
 * A producer in another language computes the same, or lets the command service move the record.
 */
public final class AggregatePartitioner {

    /**
     * The header of a command moved from a wrong partition to its aggregate's: where it was read,
     * {@code <topic>/<partition>@<offset>}. A moved command found on a wrong partition again is
     * dead-lettered rather than moved once more.
     */
    public static final String MOVED_FROM = "eventline.moved-from";

    private AggregatePartitioner() {}

    public static int partitionOf(String aggregateId, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(aggregateId.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }
}
