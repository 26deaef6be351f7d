package io.eventline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Keyed queries over HTTP against a running service, from a fixed number of concurrent clients,
 * each on its own persistent connection (closed loop: the next query leaves when the answer is in),
 * split by who answered: this instance (local) or the owner it forwarded to.
 */
final class QueryBench {

    private QueryBench() {}

    static List<BenchResult> run(int port, String pathPrefix, List<String> keys, int clients, Duration duration) throws Exception {
        Histogram local = new ConcurrentHistogram(3);
        Histogram forwarded = new ConcurrentHistogram(3);
        AtomicLong errors = new AtomicLong();
        // What the errors were: an HTTP status, or the exception's class (a refused connection, say).
        Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            threads.add(Thread.ofPlatform().name("query-client-" + c).start(() -> {
                int i = offset;
                try (KeepAliveHttp http = new KeepAliveHttp(port)) {
                    while (System.nanoTime() < end) {
                        String key = keys.get(i++ % keys.size());
                        long sent = System.nanoTime();
                        try {
                            KeepAliveHttp.Answer answer = http.get(pathPrefix + key);
                            long micros = (System.nanoTime() - sent) / 1_000;
                            if (answer.status() != 200) {
                                errors.incrementAndGet();
                                errorKinds.computeIfAbsent("HTTP " + answer.status(), k -> new AtomicLong()).incrementAndGet();
                            } else if (answer.servedBy() == null || answer.servedBy().endsWith(":" + port)) {
                                local.recordValue(micros);
                            } else {
                                forwarded.recordValue(micros);
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            errorKinds.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = RawPipeBench.seconds(start);
        List<BenchResult> results = new ArrayList<>();
        String kinds = new java.util.TreeMap<>(errorKinds).toString();
        results.add(result("local", local, seconds, clients, errors.get(), kinds));
        if (forwarded.getTotalCount() > 0) {
            results.add(result("forwarded", forwarded, seconds, clients, errors.get(), kinds));
        }
        return results;
    }

    private static BenchResult result(String kind, Histogram h, double seconds, int clients, long errors, String errorKinds) {
        return BenchResult.of("queries", "keyed queries answered " + kind, h.getTotalCount() / seconds, "queries/s")
                .with("p50Ms", h.getValueAtPercentile(50) / 1000.0)
                .with("p99Ms", h.getValueAtPercentile(99) / 1000.0)
                .with("maxMs", h.getMaxValue() / 1000.0)
                .with("queries", h.getTotalCount()).with("clients", clients).with("errors", errors)
                .with("errorKinds", errorKinds);
    }
}
