package io.eventline.service.app;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Kafka Streams' task idling ({@code max.task.idle.ms}), as far as a topology's shape decides it.
 *
 * <p>Idling holds back a task that reads several partitions until each of them has data, so that
 * it takes their records in time order. A task that reads one partition has nothing to order, yet
 * with idling on (the default, 0) Kafka Streams builds a message saying why an idle task is not
 * ready each time it looks for work, and logs it at most once in two minutes: about 5 % of the
 * command service's stream-thread CPU samples
 * (docs/benchmarks.md). So an application whose every sub-topology reads one topic runs with idling
 * off; one that reads several keeps Kafka Streams' default unless it says otherwise.
 */
public final class TaskIdling {

    /** Task idling off: a task processes what it has. */
    public static final Map<String, Object> OFF =
            Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);

    private TaskIdling() {}

    /** {@link #OFF} when every task of {@code topology} reads one partition; nothing otherwise. */
    public static Map<String, Object> defaultsFor(Topology topology) {
        return readsOnePartitionPerTask(topology) ? OFF : Map.of();
    }

    /**
     * Whether every sub-topology reads one topic, named (not a pattern): its tasks, one per
     * partition, then each read one partition. Global stores are read by a thread of their own,
     * not by tasks, and do not count.
     */
    public static boolean readsOnePartitionPerTask(Topology topology) {
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            int topics = 0;
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    if (source.topicPattern() != null) {
                        return false;
                    }
                    topics += source.topicSet().size();
                }
            }
            if (topics != 1) {
                return false;
            }
        }
        return true;
    }
}
