package io.eventline.schemas.topics;

import java.util.Map;

/** A topic as the pipeline needs it: name, partition count, replication and topic-level configs. */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException(name + ": partitions and replication must be at least 1");
        }
    }
}
