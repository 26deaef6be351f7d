package io.eventline.launcher;

import io.eventline.command.app.CommandService;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventline.projection.app.ProjectionModules;
import io.eventline.projection.app.ProjectionService;
import io.eventline.projection.console.ConsoleSettings;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.ServiceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job: the whole pipeline in one process on the embedded broker, a seeded shop, a stream
 * of orders through the saga, live progress, a summary with the invariant check; then it keeps
 * serving HTTP until Ctrl-C (or exits, with --exit).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline on the embedded broker with a demo workload, then keep serving until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    TopicOptions topicOptions;

    @Option(names = "--data-dir", defaultValue = "${env:EVENTLINE_DATA_DIR:-.eventline/kafka}",
            description = "Broker storage, kept across runs (env EVENTLINE_DATA_DIR, default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "${env:EVENTLINE_KAFKA_PORT:-9092}", description = "Broker client port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--orders", defaultValue = "2000", description = "Orders to place (default: ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--rate", defaultValue = "200", description = "Orders per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--customers", defaultValue = "200", description = "Customer accounts to open (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--skus", defaultValue = "100", description = "Skus to stock (default: ${DEFAULT-VALUE}).")
    int skus;

    @Option(names = "--settle-timeout", defaultValue = "PT3M", description = "How long to wait for every order to finish (default: ${DEFAULT-VALUE}).")
    Duration settleTimeout;

    @Option(names = "--command-port", defaultValue = "${env:EVENTLINE_COMMAND_HTTP_PORT:-8081}",
            description = "HTTP port of the command service (default: ${DEFAULT-VALUE}).")
    int commandPort;

    @Option(names = "--projection-port", defaultValue = "${env:EVENTLINE_PROJECTION_HTTP_PORT:-8082}",
            description = "HTTP port of the projection service (default: ${DEFAULT-VALUE}).")
    int projectionPort;

    @Option(names = "--exit", description = "Exit after the summary: status 0 when every invariant holds, 1 otherwise.")
    boolean exitAfterSummary;

    @Override
    public Integer call() throws Exception {
        EmbeddedKafkaBroker broker = ClusterCommand.startBroker(dataDir, port);
        ClusterCommand.provision(broker.bootstrapServers(), topicOptions.topics());
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("EVENTLINE_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("EVENTLINE_TOPIC_PREFIX", topicOptions.topics().prefix());
        env.put("EVENTLINE_PARTITIONS", String.valueOf(topicOptions.topics().partitions()));
        env.putIfAbsent("EVENTLINE_STANDBY_REPLICAS", "0");
        // A demo runs without credentials on purpose, so it listens on this machine only unless told otherwise.
        env.putIfAbsent("EVENTLINE_HTTP_HOST", "127.0.0.1");
        env.remove("EVENTLINE_HTTP_PORT");
        ServiceSettings commandSettings = ServiceSettings.fromEnvironment(env, CommandService.DEFAULT_APPLICATION_ID, commandPort,
                CommandService.DEFAULT_STREAM_THREADS);
        ServiceSettings projectionSettings = ServiceSettings.fromEnvironment(env, ProjectionService.DEFAULT_APPLICATION_ID, projectionPort);
        SchemaRegistry registry = SchemaRegistries.fromConfig(commandSettings.schemaRegistryConfig());
        CommandService commands = CommandService.start(commandSettings, registry);
        // The console reaches the demo's own command service unless EVENTLINE_COMMAND_SERVICE_URL names another.
        ConsoleSettings console = env.containsKey(ConsoleSettings.URL_VARIABLE) ? ConsoleSettings.fromEnvironment(env)
                : ConsoleSettings.local(commandSettings.httpTls().scheme(), commandSettings.httpHost(), commands.httpPort());
        ProjectionService projections = ProjectionService.start(projectionSettings, registry, ProjectionModules.all(), console);
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable stopAll = () -> {
            if (stopped.compareAndSet(false, true)) {
                projections.close();
                commands.close();
                registry.close();
                broker.close();
            }
        };
        io.eventline.service.app.BoundedShutdown.onShutdown("demo-shutdown", stopAll);
        commands.streams().awaitRunning(Duration.ofSeconds(60));
        projections.streams().awaitRunning(Duration.ofSeconds(60));

        String run = "run" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss"));
        System.out.printf("Pipeline up: Kafka %s, command-service http://localhost:%d, projection-streams http://localhost:%d%n",
                broker.bootstrapServers(), commands.httpPort(), projections.httpPort());
        System.out.printf("Operator console: http://localhost:%d/console%n", projections.httpPort());
        System.out.printf("HTTP on %s only%s (EVENTLINE_HTTP_HOST, EVENTLINE_HTTP_TOKEN to change that)%n",
                commandSettings.httpHost(), commandSettings.authenticator().required() ? "" : ", without credentials: a demo");
        DemoWorkload workload = new DemoWorkload(run, new DemoWorkload.Shape(customers, skus, orders, rate, 42),
                commands.gateway(), Aggregates.order(registry), Aggregates.inventory(registry), Aggregates.account(registry));
        System.out.printf("Seeding %d accounts and %d skus (run %s)...%n", customers, skus, run);
        workload.seed();
        DemoReport report;
        try (OrderTracker tracker = new OrderTracker(commandSettings.clientConfig(), topicOptions.topics().events("order"),
                Aggregates.order(registry), workload.orderPrefix(), workload.dueMillisByCorrelation);
             HopTracer hops = new HopTracer(commandSettings.clientConfig(), topicOptions.topics(),
                     workload.orderCorrelationPrefix(), workload.dueMillisByCorrelation);
             Progress progress = Progress.start(workload, tracker, orders)) {
            long started = System.nanoTime();
            workload.placeOrders();
            workload.awaitOutcomes();
            boolean settled = progress.awaitSettled(workload.accepted.get(), settleTimeout);
            long settledNanos = System.nanoTime() - started;
            progress.stop();
            report = new DemoReport(workload, tracker, hops, workload.sendingNanos(), settledNanos, settled);
            report.print(System.out);
        }
        boolean holds = report.settled() && DemoChecks.invariantsHold(commandSettings, registry, Duration.ofSeconds(60), System.out)
                & DemoChecks.readModelsEqualTheirFolds(projectionSettings, registry, Duration.ofSeconds(30), System.out);
        if (exitAfterSummary) {
            stopAll.run();
            return holds ? 0 : 1;
        }
        System.out.println();
        System.out.println("Still serving. Try:");
        System.out.printf("  curl -s localhost:%d/aggregates/order/%s-o-0%n", commands.httpPort(), run);
        System.out.printf("  curl -s localhost:%d/aggregates/order/%s-o-0/events%n", commands.httpPort(), run);
        System.out.printf("  curl -s localhost:%d/metrics | grep eventline_commands%n", commands.httpPort());
        System.out.println("Ctrl-C stops.");
        Thread.currentThread().join();
        return 0;
    }
}
