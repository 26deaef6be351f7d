package io.eventline.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What an application's exactly-once commits carried over a run, from Kafka Streams' own metrics,
 * summed over its stream threads and their producers: how many commits, how many records each
 * processed and sent, how many requests its producer sent, and how long the producer spent in
 * {@code commitTransaction}. Where an order waits is a question of commits as much as of CPU.
 */
final class CommitCounters {

    private final Map<String, Double> at;

    private CommitCounters(Map<String, Double> at) {
        this.at = at;
    }

    static CommitCounters of(KafkaStreams streams) {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            String key = e.getKey().group() + "/" + e.getKey().name();
            if (!COUNTED.contains(key) || !(e.getValue().metricValue() instanceof Number n) || Double.isNaN(n.doubleValue())) {
                continue;
            }
            sums.merge(key, n.doubleValue(), Double::sum);
        }
        return new CommitCounters(sums);
    }

    /** Per commit, between {@code before} and now: the figures a benchmark result can carry. */
    Map<String, Object> since(CommitCounters before) {
        double commits = delta(before, "stream-thread-metrics/commit-total");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("commits", Math.round(commits));
        if (commits > 0) {
            out.put("recordsProcessedPerCommit", round(delta(before, "stream-thread-metrics/process-total") / commits));
            out.put("recordsSentPerCommit", round(delta(before, "producer-metrics/record-send-total") / commits));
            // Every request the producer sent: produce, and the transaction's own (add partitions, end).
            out.put("producerRequestsPerCommit", round(delta(before, "producer-metrics/request-total") / commits));
            out.put("commitTransactionMsPerCommit",
                    round(delta(before, "producer-metrics/txn-commit-time-ns-total") / commits / 1_000_000.0));
        }
        return out;
    }

    private double delta(CommitCounters before, String key) {
        return at.getOrDefault(key, 0.0) - before.at.getOrDefault(key, 0.0);
    }

    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    private static final Set<String> COUNTED = Set.of("stream-thread-metrics/commit-total",
            "stream-thread-metrics/process-total", "producer-metrics/record-send-total", "producer-metrics/request-total",
            "producer-metrics/txn-commit-time-ns-total");
}
