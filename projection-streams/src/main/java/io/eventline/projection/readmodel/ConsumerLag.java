package io.eventline.projection.readmodel;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A Kafka Streams application's consumer lag in records, from its own consumers' metrics: for each
 * input partition this instance is assigned, the last stable offset minus the position (so a
 * transaction marker does not count as lag). Reading metrics costs no request to the broker.
 */
public final class ConsumerLag {

    private static final String GROUP = "consumer-fetch-manager-metrics";
    private static final String RECORDS_LAG = "records-lag";

    private ConsumerLag() {}

    /** The summed lag of the main consumers over every topic they read (event and repartition topics). */
    public static long records(KafkaStreams streams) {
        return records(streams, topic -> true);
    }

    public static long records(KafkaStreams streams, Predicate<String> topics) {
        long lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : partitionLags(streams, topics).entrySet()) {
            if (metric.getValue().metricValue() instanceof Double value && !value.isNaN() && value > 0) {
                lag += value.longValue();
            }
        }
        return lag;
    }

    /** The lag of each partition of {@code topics} this instance has fetched from so far; the others are unknown yet. */
    public static Map<TopicPartition, Long> byPartition(KafkaStreams streams, Set<String> topics) {
        Map<TopicPartition, Long> lags = new HashMap<>();
        partitionLags(streams, topics::contains).forEach((name, metric) -> {
            if (metric.metricValue() instanceof Double value && !value.isNaN()) {
                lags.put(new TopicPartition(name.tags().get("topic"), Integer.parseInt(name.tags().get("partition"))),
                        Math.max(0, value.longValue()));
            }
        });
        return lags;
    }

    private static Map<MetricName, ? extends Metric> partitionLags(KafkaStreams streams, Predicate<String> topics) {
        Map<MetricName, Metric> lags = new HashMap<>();
        streams.metrics().forEach((name, metric) -> {
            Map<String, String> tags = name.tags();
            String client = tags.getOrDefault("client-id", "");
            // The restore consumer reads changelogs (standbys, restoration): that is not the projection's lag.
            if (GROUP.equals(name.group()) && RECORDS_LAG.equals(name.name()) && tags.containsKey("partition")
                    && client.endsWith("-consumer") && !client.endsWith("restore-consumer")
                    && topics.test(tags.get("topic"))) {
                lags.put(name, metric);
            }
        });
        return lags;
    }
}
