package io.eventline.launcher;

import io.eventline.bench.BenchResult;
import io.eventline.bench.BenchmarkRunner;
import io.eventline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventline.kafka.embedded.EmbeddedKafkaConfig;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.KafkaEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the benchmark suite and writes results.json, throughput.png and latency.png. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput, latency, saga and query speed against the raw-Kafka limit, in one run.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "Measure against this cluster instead of a fresh embedded broker.")
    String bootstrapServers;

    @Option(names = "--quick", description = "A small run (about a minute) to check that everything works.")
    boolean quick;

    @Option(names = "--out", defaultValue = "docs/benchmarks", description = "Where results.json and the charts go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--only", split = ",", defaultValue = "limits,commands,postgres,saga,memory,tuning",
            description = "Parts to run: limits, commands, postgres (the PostgreSQL peer: EVENTLINE_BENCH_PG_URL, "
                    + "EVENTLINE_BENCH_PG_USER, EVENTLINE_BENCH_PG_PASSWORD), saga, memory, tuning (default: all).")
    java.util.Set<String> parts;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--saga-passes", description = "Passes of the saga part, each with orders of its own: the first as the "
            + "JVM meets it (fresh with --only saga), the median of the others warm (default: 4, or 1 with --quick).")
    Integer sagaPasses;

    @Option(names = "--charts-only", description = "Draw the charts again from the results.json in --out; measure nothing.")
    boolean chartsOnly;

    @Override
    public Integer call() throws Exception {
        if (sagaPasses != null && sagaPasses < 1) {
            System.err.println("error: --saga-passes must be at least 1, not " + sagaPasses);
            return 2;
        }
        if (chartsOnly) {
            io.eventline.bench.BenchReport.redraw(out);
            System.out.println("Charts drawn again in " + out.toAbsolutePath());
            return 0;
        }
        Path work = Files.createTempDirectory("eventline-bench");
        EmbeddedKafkaBroker broker = bootstrapServers == null
                ? EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.onFreePorts(work.resolve("kafka"))) : null;
        String bootstrap = broker == null ? bootstrapServers : broker.bootstrapServers();
        Map<String, String> overrides = KafkaEnvironment.clientProperties(System.getenv());
        Map<String, Object> registryConfig = new HashMap<>(overrides);
        registryConfig.put("bootstrap.servers", bootstrap);
        boolean succeeded = false;
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss"));
        try (SchemaRegistry registry = SchemaRegistries.fromConfig(registryConfig)) {
            var context = BenchmarkRunner.context(bootstrap, overrides, registry, work, runId, partitions);
            BenchmarkRunner.Plan plan = quick ? BenchmarkRunner.Plan.quick() : BenchmarkRunner.Plan.standard();
            if (sagaPasses != null) {
                plan = plan.withSagaPasses(sagaPasses);
            }
            List<BenchResult> results = BenchmarkRunner.run(context, plan, System.out, parts);
            System.out.println();
            io.eventline.bench.BenchReport.print(results, System.out);
            io.eventline.bench.BenchReport.write(results, BenchmarkRunner.environment(bootstrap, broker != null), out);
            System.out.println("Written to " + out.toAbsolutePath());
            succeeded = true;
        } finally {
            if (broker != null) {
                broker.close();
            }
            if (succeeded) {
                // The broker's data and the services' state: gigabytes after a full run.
                org.apache.kafka.common.utils.Utils.delete(work.toFile());
            } else {
                System.err.println("The work directory is kept for inspection (broker data, service logs): " + work);
            }
        }
        return 0;
    }
}
