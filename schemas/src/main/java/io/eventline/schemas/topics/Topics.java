package io.eventline.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The names and settings of every topic of one pipeline, {@code <prefix>.<aggregate>.<kind>}.
 *
 * <p>All topics share one partition count: an aggregate's commands and events live in the same
 * partition number, so the task that owns a command partition also owns the aggregate's state.
 */
public record Topics(
        String prefix,
        int partitions,
        short replicationFactor,
        Duration commandRetention,
        Duration resultRetention,
        Duration dlqRetention) {

    /** The aggregate types of the sample domain, in the order they are listed everywhere. */
    public static final List<String> AGGREGATES = List.of("order", "inventory", "account", "shipment");

    public static final String DEFAULT_PREFIX = "shop";
    public static final int DEFAULT_PARTITIONS = 6;

    public Topics {
        if (prefix == null || !prefix.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException("topic prefix must be dot-separated letters, digits, '_' or '-', got: " + prefix);
        }
    }

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX, DEFAULT_PARTITIONS, (short) 1,
                Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(90));
    }

    public Topics withPrefix(String newPrefix) {
        return new Topics(newPrefix, partitions, replicationFactor, commandRetention, resultRetention, dlqRetention);
    }

    public Topics withPartitions(int count) {
        return new Topics(prefix, count, replicationFactor, commandRetention, resultRetention, dlqRetention);
    }

    public String commands(String aggregate) {
        return name(aggregate, "commands");
    }

    public String events(String aggregate) {
        return name(aggregate, "events");
    }

    public String deadLetters(String aggregate) {
        return name(aggregate, "commands.dlq");
    }

    public String commandResults() {
        return prefix + ".command-results";
    }

    /**
     * Operators' decisions about records the read models parked (retry, skip), keyed by
     * {@code <projection>/<key>}: compacted, as only the newest decision per key matters, and read
     * whole by every projection instance.
     */
    public String parkingDecisions() {
        return prefix + ".projection-parking-decisions";
    }

    /** Every topic of the pipeline with its settings, for provisioning. */
    public List<TopicSpec> all() {
        List<TopicSpec> specs = new ArrayList<>();
        for (String aggregate : AGGREGATES) {
            specs.add(deleting(commands(aggregate), commandRetention));
            // Keys are unique per (aggregate, version): compaction never removes history, only a
            // rewrite of the same version or an erasure tombstone. No time retention at all.
            specs.add(new TopicSpec(events(aggregate), partitions, replicationFactor, Map.of(
                    "cleanup.policy", "compact",
                    "retention.ms", "-1",
                    "min.insync.replicas", String.valueOf(Math.min(2, replicationFactor)))));
            specs.add(deleting(deadLetters(aggregate), dlqRetention));
        }
        specs.add(deleting(commandResults(), resultRetention));
        specs.add(new TopicSpec(parkingDecisions(), 1, replicationFactor, Map.of(
                "cleanup.policy", "compact",
                "min.insync.replicas", String.valueOf(Math.min(2, replicationFactor)))));
        return specs;
    }

    private TopicSpec deleting(String name, Duration retention) {
        return new TopicSpec(name, partitions, replicationFactor, Map.of(
                "cleanup.policy", "delete",
                "retention.ms", String.valueOf(retention.toMillis())));
    }

    private String name(String aggregate, String kind) {
        if (!AGGREGATES.contains(aggregate)) {
            throw new IllegalArgumentException("unknown aggregate type: " + aggregate + " (known: " + AGGREGATES + ")");
        }
        return prefix + "." + aggregate + "." + kind;
    }
}
