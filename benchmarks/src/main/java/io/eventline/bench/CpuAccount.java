package io.eventline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the process's CPU time went during one measurement, by who spent it: the broker's threads,
 * the Streams threads, the clients' network threads, and the rest (GC, JIT, the benchmark's own
 * driver). With everything in one JVM this is what says whether a service or the broker is the
 * bottleneck: CPU per record, per kind of thread, for the bare app and the command service alike.
 */
final class CpuAccount {

    /** Kinds of thread, in report order; the last is computed as process time minus the others. */
    static final String BROKER = "broker";
    static final String STREAM_THREADS = "stream threads";
    static final String CLIENT_IO = "client network threads";
    static final String REST = "rest (GC, JIT, driver)";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long processNanos;
    private final Map<Long, Long> threadNanos;
    private final long wallNanos;

    private CpuAccount(long processNanos, Map<Long, Long> threadNanos, long wallNanos) {
        this.processNanos = processNanos;
        this.threadNanos = threadNanos;
        this.wallNanos = wallNanos;
    }

    /** Starts an account now; {@link #spentSince()} later gives what each kind of thread used since. */
    static CpuAccount start() {
        Map<Long, Long> threads = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) {
                threads.put(id, cpu);
            }
        }
        return new CpuAccount(processCpuNanos(), threads, System.nanoTime());
    }

    /**
     * CPU milliseconds per kind of thread since the start, plus the wall time and the total. Threads
     * that ended in between are lost to their kind and counted in the rest, so take this before the
     * measured clients close.
     */
    Map<String, Double> spentSince() {
        Map<String, Double> ms = new LinkedHashMap<>();
        ms.put(BROKER, 0.0);
        ms.put(STREAM_THREADS, 0.0);
        ms.put(CLIENT_IO, 0.0);
        double attributed = 0;
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            ThreadInfo info = THREADS.getThreadInfo(id);
            if (cpu < 0 || info == null) {
                continue;
            }
            double spent = (cpu - threadNanos.getOrDefault(id, 0L)) / 1e6;
            String kind = kindOf(info.getThreadName());
            if (kind != null) {
                ms.merge(kind, spent, Double::sum);
                attributed += spent;
            }
        }
        double total = (processCpuNanos() - processNanos) / 1e6;
        ms.put(REST, Math.max(0, total - attributed));
        ms.put("total", total);
        ms.put("wall", (System.nanoTime() - wallNanos) / 1e6);
        return ms;
    }

    /** The details of a result: CPU ms per 1,000 records for each kind, and the cores kept busy. */
    static Map<String, Object> perThousand(Map<String, Double> spent, long records) {
        Map<String, Object> details = new LinkedHashMap<>();
        spent.forEach((kind, ms) -> {
            if (!kind.equals("wall")) {
                details.put("cpuMsPer1000 " + kind, round(ms * 1000 / records));
            }
        });
        details.put("coresBusy", round(spent.get("total") / spent.get("wall")));
        return details;
    }

    /**
     * CPU milliseconds of the stream threads since the start, per Streams application (the name
     * before the client id's UUID), largest first: which topology of several costs the most.
     */
    Map<String, Double> streamThreadsByApplication() {
        Map<String, Double> ms = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            ThreadInfo info = THREADS.getThreadInfo(id);
            if (cpu < 0 || info == null || !STREAM_THREADS.equals(kindOf(info.getThreadName()))) {
                continue;
            }
            ms.merge(applicationOf(info.getThreadName()), (cpu - threadNanos.getOrDefault(id, 0L)) / 1e6, Double::sum);
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        ms.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), round(e.getValue())));
        return sorted;
    }

    /** "app-id-1b4e28ba-2fa1-11d2-883f-0016d3cca427-StreamThread-1" → "app-id". */
    static String applicationOf(String threadName) {
        return threadName.replaceFirst("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-.*$", "");
    }

    /** Kafka's thread names: the broker's own, a Streams thread, or a client's network thread. */
    static String kindOf(String name) {
        if (name.startsWith("kafka-producer-network-thread") || name.startsWith("kafka-coordinator-heartbeat-thread")
                || name.startsWith("kafka-admin-client-thread") || name.startsWith("consumer_background_thread")) {
            return CLIENT_IO;
        }
        if (name.contains("-StreamThread-") || name.contains("-StateUpdater-") || name.contains("-GlobalStreamThread")) {
            return STREAM_THREADS;
        }
        if (name.startsWith("data-plane-kafka") || name.startsWith("kafka-scheduler") || name.startsWith("group-coordinator")
                || name.startsWith("share-") || name.startsWith("transaction-") || name.startsWith("TxnMarkerSender")
                || name.startsWith("quorum-controller") || name.startsWith("controller-") || name.startsWith("broker-")
                || name.startsWith("raft-") || name.matches("kafka-\\d+-.*") || name.startsWith("kafka-log-cleaner")
                || name.startsWith("ExpirationReaper") || name.startsWith("executor-") || name.startsWith("LogDirFailureHandler")
                || name.startsWith("persister") || name.startsWith("PersisterStateManager") || name.startsWith("ReplicaFetcher")
                || name.startsWith("client-metrics-reaper") || name.startsWith("network-partition-metadata")) {
            return BROKER;
        }
        return null;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
