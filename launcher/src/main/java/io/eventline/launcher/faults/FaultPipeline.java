package io.eventline.launcher.faults;

import io.eventline.contracts.AggregateType;
import io.eventline.command.app.CommandServiceMain;
import io.eventline.client.EventlineClient;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.projection.app.ProjectionService;
import io.eventline.projection.saga.OrderFulfilmentModule;
import io.eventline.projection.saga.OrderFulfilmentTopology;
import io.eventline.projection.saga.SagaSettings;
import io.eventline.verify.ExactlyOnceVerifier;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.service.config.ServiceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;

/**
 * One pipeline under fault: its own topic prefix and application ids on a broker, command-service
 * instances each in a JVM of its own (so that a fault really hits a process), the saga in this JVM
 * when asked, and a gateway. Every service reads the same environment, as in production.
 */
public final class FaultPipeline implements AutoCloseable {

    public final String prefix;
    public final ServiceSettings settings;
    public final SchemaRegistry registry;
    public final List<AggregateType<?, ?, ?>> types;
    private final Map<String, String> environment;
    private final Path stateRoot;
    private final EventlineClient gateway;
    private final Map<String, ServiceInstance> instances = new LinkedHashMap<>();
    private final List<AutoCloseable> inProcess = new ArrayList<>();

    public FaultPipeline(String bootstrapServers, String prefix, Path stateRoot, int standbyReplicas) {
        this.prefix = prefix;
        this.stateRoot = stateRoot;
        this.environment = environment(bootstrapServers, prefix, standbyReplicas);
        this.settings = ServiceSettings.fromEnvironment(environment, prefix + "-commands", 0);
        this.registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
        this.types = Aggregates.all(registry);
        try (Admin admin = Admin.create(settings.clientConfig())) {
            new TopicProvisioner(admin).provision(settings.topics().all());
        }
        this.gateway = new EventlineClient(settings.clientConfig(), settings.topics(), new AvroOutcomeCodec(registry));
    }

    /** Starts a command-service instance in a new JVM, on a port and state directory it keeps across restarts. */
    public ServiceInstance startCommandService(String name) {
        ServiceInstance instance = instances.computeIfAbsent(name, n -> new ServiceInstance(n, CommandServiceMain.class,
                environment, stateRoot.resolve(n), Ports.free()));
        instance.start();
        return instance;
    }

    public ServiceInstance instance(String name) {
        return instances.get(name);
    }

    /** The saga alone in a projection service in this JVM: a crash of it is not the fault under test. */
    public ProjectionService startSaga(SagaSettings saga) throws Exception {
        Map<String, String> env = new HashMap<>(environment);
        env.put("EVENTLINE_APPLICATION_ID", prefix + "-projections");
        env.put("EVENTLINE_HTTP_PORT", "0");
        env.put("EVENTLINE_STATE_DIR", stateRoot.resolve("saga").toString());
        ServiceSettings own = ServiceSettings.fromEnvironment(env, prefix + "-projections", 0);
        ProjectionService service = ProjectionService.start(own, registry, List.of(new OrderFulfilmentModule(saga)));
        inProcess.add(service);
        return service;
    }

    /** The application id of the saga {@link #startSaga} runs: its store's changelog is named after it. */
    public String sagaApplicationId() {
        return prefix + "-projections-" + OrderFulfilmentTopology.NAME + "-v1";
    }

    public ShopWorkload workload(boolean saga, long seed) {
        ShopWorkload workload = new ShopWorkload(prefix, gateway, types, saga, seed);
        inProcess.add(workload); // stopped before the gateway closes, even when the scenario fails
        return workload;
    }

    public EventlineClient gateway() {
        return gateway;
    }

    public ExactlyOnceVerifier verifier() {
        return verifier(settings.bootstrapServers(), prefix, registry);
    }

    /** The verifier of a pipeline that ran under {@code prefix}, also once its services are gone. */
    public static ExactlyOnceVerifier verifier(String bootstrapServers, String prefix, SchemaRegistry registry) {
        ServiceSettings settings = ServiceSettings.fromEnvironment(environment(bootstrapServers, prefix, 0), prefix + "-commands", 0);
        return new ExactlyOnceVerifier(settings.clientConfig(), settings.topics(), registry)
                .withCommandServiceId(settings.applicationId());
    }

    private static Map<String, String> environment(String bootstrapServers, String prefix, int standbyReplicas) {
        return Map.of("EVENTLINE_BOOTSTRAP_SERVERS", bootstrapServers, "EVENTLINE_TOPIC_PREFIX", prefix,
                "EVENTLINE_PARTITIONS", "3", "EVENTLINE_STANDBY_REPLICAS", String.valueOf(standbyReplicas),
                "EVENTLINE_APPLICATION_ID", prefix + "-commands", "EVENTLINE_HTTP_HOST", "127.0.0.1",
                "EVENTLINE_ADVERTISED_HOST", "127.0.0.1",
                // Instances on this machine only, for the scenario's own clients: no credentials, on purpose.
                "EVENTLINE_INSECURE", "true");
    }

    /** Each instance's whole output, every life. */
    List<String> instanceOutputs() {
        return instances.values().stream().map(ServiceInstance::output).toList();
    }

    /**
     * For a failure message: each instance's whole output (every life) kept in a file, and the lines of
     * it that tell what happened (warnings, errors, restarts, state wiped or restored, the guard),
     * bounded, since a tail of the output rarely reaches back to the fault that mattered.
     */
    public String outputs() {
        StringBuilder text = new StringBuilder();
        Path logDir = FAULT_LOGS.resolve(prefix + "-" + System.currentTimeMillis());
        for (ServiceInstance instance : instances.values()) {
            String output = instance.output();
            text.append("\n---- ").append(instance.name());
            try {
                Files.createDirectories(logDir);
                Path file = logDir.resolve(instance.name() + ".log");
                Files.writeString(file, output);
                text.append(" (whole output: ").append(file.toAbsolutePath()).append(')');
            } catch (IOException | RuntimeException notKept) {
                text.append(" (whole output not kept: ").append(notKept).append(')');
            }
            text.append('\n').append(telling(output, 24_000));
        }
        return text.toString();
    }

    /** Where failed scenarios keep their services' output: the build's directory under Maven. */
    private static final Path FAULT_LOGS = Path.of(System.getProperty("eventline.fault-logs",
            Path.of(System.getProperty("java.io.tmpdir"), "eventline-fault-logs").toString()));

    private static final Pattern TELLING = Pattern.compile(
            "WARN|ERROR|==== restarted|[Ww]iping|corrupt|[Rr]estor|[Cc]heckpoint|Setting offset|fenced|processed already");

    static String telling(String output, int maxChars) {
        List<String> lines = output.lines().filter(line -> TELLING.matcher(line).find()).toList();
        StringBuilder kept = new StringBuilder();
        for (int i = lines.size() - 1; i >= 0 && kept.length() < maxChars; i--) {
            String line = lines.get(i);
            kept.insert(0, (line.length() > 400 ? line.substring(0, 400) + "..." : line) + "\n");
        }
        return kept.toString();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable service : inProcess.reversed()) {
            service.close();
        }
        instances.values().forEach(ServiceInstance::close);
        gateway.close();
        registry.close();
    }
}
