package io.eventline.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Settings of the command service measured side by side in one run, against the bare app with
 * the same threads, each on a fresh pipeline that is deleted afterwards so the broker does not
 * grow from one to the next. Every setting runs once per round, the order rotating from round to
 * round so that warm-up and drift do not favour one; the figure reported is the median.
 */
final class TuningBench {

    /** A bare exactly-once app with these Streams settings: the limit a variant is compared to. */
    record Bare(String label, Map<String, Object> streams) {}

    /** The bare app with one and with two stream threads: the limits for the variants below. */
    static final List<Bare> BARE = List.of(
            new Bare(threads(1), Map.of()),
            new Bare(threads(2), Map.of("num.stream.threads", 2)));

    static final String BARE_NAME = "bare exactly-once app, ";

    static String threads(int n) {
        return n + (n == 1 ? " stream thread" : " stream threads");
    }

    /** The command service's settings tried, on top of the shipped defaults. */
    static final List<CommandBench.Variant> VARIANTS = List.of(
            new CommandBench.Variant("v-before", "before: 1 stream thread, producer linger.ms=5 (the earlier defaults)",
                    Map.of("EVENTLINE_STREAM_THREADS", "1", "KAFKA_PRODUCER_LINGER_MS", "5")),
            new CommandBench.Variant("v-linger5", "2 threads, producer linger.ms=5 (the earlier default)",
                    Map.of("KAFKA_PRODUCER_LINGER_MS", "5")),
            new CommandBench.Variant("v-commit200", "1 thread, commit interval 200 ms",
                    Map.of("EVENTLINE_STREAM_THREADS", "1", "EVENTLINE_COMMIT_INTERVAL", "200")),
            new CommandBench.Variant("v-partitions2", "1 thread, 2 partitions per topic",
                    Map.of("EVENTLINE_STREAM_THREADS", "1", "EVENTLINE_PARTITIONS", "2")),
            new CommandBench.Variant("v-after", "after: as shipped (2 stream threads)", Map.of()));

    private TuningBench() {}

    static List<BenchResult> run(BenchContext ctx, int commands, int bareRecords, int recordBytes, int rounds,
                                 Duration latencyRun, PrintStream log) throws Exception {
        Map<String, List<BenchResult>> runs = new LinkedHashMap<>();
        int port = 18190;
        int size = BARE.size() + VARIANTS.size();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < size; i++) {
                int which = (i + round) % size;
                BenchContext fresh = ctx.withRunId(ctx.runId() + "r" + round + "x" + which);
                BenchResult result;
                if (which < BARE.size()) {
                    Bare bare = BARE.get(which);
                    log.println("    round " + (round + 1) + ": bare app, " + bare.label());
                    BenchResult r = BareEosBench.run(fresh, bareRecords, recordBytes, bare.streams());
                    result = new BenchResult("tuning", BARE_NAME + bare.label(), r.value(), r.unit(), r.details());
                } else {
                    CommandBench.Variant variant = VARIANTS.get(which - BARE.size());
                    log.println("    round " + (round + 1) + ": command service, " + variant.label());
                    // Latency only in the last round: the throughput runs stay short.
                    List<Integer> rates = round == rounds - 1 ? List.of(1_000) : List.of();
                    List<BenchResult> measured = CommandBench.run(fresh, variant, commands, rates, latencyRun, port++);
                    result = measured.getFirst();
                    for (BenchResult latency : measured.subList(1, measured.size())) {
                        runs.computeIfAbsent(latency.name(), k -> new ArrayList<>()).add(latency);
                    }
                }
                runs.computeIfAbsent(result.name(), k -> new ArrayList<>()).add(result);
                fresh.deleteTopics();
                // Deleting a pipeline's topics is work for the broker: let it finish before the next run.
                Thread.sleep(2_000);
            }
        }
        return summarise(runs, "tuning");
    }

    /**
     * The median run of each setting, in {@code group}, with the spread, and for command throughput
     * its percentage of the bare app with the same threads.
     */
    static List<BenchResult> summarise(Map<String, List<BenchResult>> runs, String group) {
        Map<String, BenchResult> medians = new LinkedHashMap<>();
        runs.forEach((name, all) -> {
            List<BenchResult> sorted = all.stream().sorted(Comparator.comparingDouble(BenchResult::value)).toList();
            BenchResult median = sorted.get(sorted.size() / 2);
            medians.put(name, new BenchResult(group, name, median.value(), median.unit(), median.details())
                    .with("runs", all.size())
                    .with("allRuns", all.stream().map(r -> String.valueOf(Math.round(r.value()))).collect(Collectors.joining(" "))));
        });
        List<BenchResult> out = new ArrayList<>();
        for (BenchResult r : medians.values()) {
            if (r.unit().equals("commands/s")) {
                BenchResult bare = medians.get(BARE_NAME + threads(((Number) r.details().get("streamThreads")).intValue()));
                if (bare != null) {
                    r = r.with("percentOfBareSameThreads", Math.round(r.value() / bare.value() * 1000) / 10.0);
                }
            }
            out.add(r);
        }
        return out;
    }
}
