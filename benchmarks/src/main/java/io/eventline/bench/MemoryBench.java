package io.eventline.bench;

import io.eventline.command.app.CommandService;
import io.eventline.command.app.CommandServiceMain;
import io.eventline.client.EventlineClient;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.projection.app.ProjectionServiceMain;
import io.eventline.service.config.ServiceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each service in a JVM of its own, as it is deployed, under the saga's load: its RSS at rest and
 * at its peak, and the CPU it used, measured from outside through /proc. The broker and the load
 * generator stay in this process, so the saga's figures here also show the services without the
 * broker in their JVM.
 */
final class MemoryBench {

    private static final int COMMAND_PORT = 18198;
    private static final int PROJECTION_PORT = 18199;

    private MemoryBench() {}

    static List<BenchResult> run(BenchContext ctx, int orders) throws Exception {
        Map<String, String> commandEnv = ctx.environment("mem", "mem", COMMAND_PORT, Map.of());
        Map<String, String> projectionEnv = ctx.environment("mem", "mem-projections", PROJECTION_PORT, Map.of());
        ServiceSettings settings = ServiceSettings.fromEnvironment(commandEnv, "unused", COMMAND_PORT,
                CommandService.DEFAULT_STREAM_THREADS);
        ctx.provision(settings.topics());
        Path logs = ctx.workDir().resolve("service-logs");
        List<BenchResult> results = new ArrayList<>();
        try (ServiceProcess commands = ServiceProcess.start("command-service", CommandServiceMain.class, commandEnv,
                COMMAND_PORT, logs.resolve("command-service.log"));
             ServiceProcess projections = ServiceProcess.start("projection-streams", ProjectionServiceMain.class,
                     projectionEnv, PROJECTION_PORT, logs.resolve("projection-streams.log"))) {
            commands.awaitReady(Duration.ofMinutes(2));
            projections.awaitReady(Duration.ofMinutes(2));
            List<ServiceProcess> services = List.of(commands, projections);
            double[] atRest = services.stream().mapToDouble(ServiceProcess::rssMegabytes).toArray();
            double[] cpuBefore = services.stream().mapToDouble(ServiceProcess::cpuSeconds).toArray();
            double[] peak = atRest.clone();
            Thread sampler = Thread.ofPlatform().name("rss-sampler").daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    for (int i = 0; i < services.size(); i++) {
                        peak[i] = Math.max(peak[i], services.get(i).rssMegabytes());
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try (EventlineClient gateway = new EventlineClient(ctx.clientConfig(), settings.topics(), new AvroOutcomeCodec(ctx.registry()));
                 SagaBench saga = SagaBench.against(gateway, settings)) {
                for (BenchResult r : saga.run(ctx, orders)) {
                    if (!r.group().equals("memory")) {
                        results.add(r.named(r.name() + " [services in their own JVMs]")
                                .with("note", "the broker and the load generator in the benchmark's JVM"));
                    }
                }
            } finally {
                sampler.interrupt();
                sampler.join();
            }
            for (int i = 0; i < services.size(); i++) {
                ServiceProcess service = services.get(i);
                results.add(BenchResult.of("memory", "RSS of " + service.name + " in its own JVM, peak under the saga", peak[i], "MB")
                        .with("atRestMb", Math.round(atRest[i]))
                        .with("afterLoadMb", Math.round(service.rssMegabytes()))
                        .with("cpuSecondsUnderLoad", Math.round((service.cpuSeconds() - cpuBefore[i]) * 10) / 10.0)
                        .with("orders", orders)
                        .with("heap", "JVM defaults (no -Xmx): the heap may grow to a quarter of the machine's memory"));
            }
        }
        return results;
    }
}
