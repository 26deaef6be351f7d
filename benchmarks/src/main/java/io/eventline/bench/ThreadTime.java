package io.eventline.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How a Streams application's threads spent their time, from Kafka Streams' own thread metrics
 * (stream-thread-metrics: process-, commit-, poll- and punctuate-ratio, averaged over the threads).
 * A thread that is mostly committing is waiting for the broker, not short of CPU.
 */
final class ThreadTime {

    private static final String[] RATIOS = {"process-ratio", "commit-ratio", "poll-ratio", "punctuate-ratio"};

    private ThreadTime() {}

    static Map<String, Object> of(KafkaStreams streams) {
        Map<String, Double> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        double commitLatency = 0;
        int commitLatencies = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName name = e.getKey();
            if (!name.group().equals("stream-thread-metrics") || !(e.getValue().metricValue() instanceof Double value)
                    || value.isNaN()) {
                continue;
            }
            for (String ratio : RATIOS) {
                if (name.name().equals(ratio)) {
                    sums.merge(ratio, value, Double::sum);
                    counts.merge(ratio, 1, Integer::sum);
                }
            }
            if (name.name().equals("commit-latency-avg")) {
                commitLatency += value;
                commitLatencies++;
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (String ratio : RATIOS) {
            if (counts.containsKey(ratio)) {
                details.put("thread " + ratio.replace("-ratio", "") + " %", Math.round(sums.get(ratio) / counts.get(ratio) * 1000) / 10.0);
            }
        }
        if (commitLatencies > 0) {
            details.put("commitLatencyAvgMs", Math.round(commitLatency / commitLatencies * 10) / 10.0);
        }
        return details;
    }
}
