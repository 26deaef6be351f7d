package io.eventline.service.app;

import io.eventline.service.config.ServiceSettings;
import io.eventline.service.http.HttpApi;
import io.eventline.service.http.Problem;
import io.eventline.service.http.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle every service shares: a Kafka Streams application with its metrics, and an HTTP
 * API that already answers health (live, ready) and Prometheus metrics.
 */
public final class StreamsService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);

    private final ServiceSettings settings;
    private final String name;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpApi http;
    private final Map<String, KafkaStreams> applications = new java.util.LinkedHashMap<>();
    private final java.util.List<KafkaStreamsMetrics> streamsMetrics = new java.util.ArrayList<>();
    private final FailingRecords failures;
    private final ThreadFailures threadFailures = new ThreadFailures(java.time.Clock.systemUTC());
    private String clusterId;

    private StreamsService(ServiceSettings settings, String name) {
        this.settings = settings;
        this.name = name;
        this.http = new HttpApi(settings.maxBodyBytes(), settings.authenticator(), HttpApi.DEFAULT_MAX_IN_FLIGHT);
        if (settings.httpTls().enabled()) {
            http.tls(settings.httpTls().serverContext());
        }
        this.failures = new FailingRecords(settings.poisonAttempts(), java.time.Clock.systemUTC());
        // Filters first: a meter registered before them would miss the service tag.
        meters.config().commonTags("service", name);
        new JvmMemoryMetrics().bindTo(meters);
        io.micrometer.core.instrument.Gauge.builder("eventline.failing.records", failures, f -> f.recent().size())
                .description("Input records on which a stream thread failed within the last minute").register(meters);
        io.micrometer.core.instrument.Gauge.builder("eventline.stream.thread.failures", threadFailures, t -> t.recent().size())
                .description("Stream threads that died and were replaced within the last minute").register(meters);
        http.get("/health/live", r -> liveness())
                .get("/health/ready", r -> readiness())
                .get("/metrics", r -> Response.text(meters.scrape(), "text/plain; version=0.0.4; charset=utf-8"));
    }

    public static StreamsService create(ServiceSettings settings, String name) {
        return new StreamsService(settings, name);
    }

    /** Starts the service's Kafka Streams application with the settings' application id. */
    public KafkaStreams start(Topology topology) {
        return start(settings.applicationId(), topology);
    }

    /**
     * Starts one more Kafka Streams application in this process, with its own application id and
     * state directory: a projection module that can be rebuilt or reset alone.
     */
    public KafkaStreams start(String applicationId, Topology topology) {
        return start(applicationId, topology, settings.commitInterval());
    }

    /** As above, committing at {@code commitInterval} instead of the service's. */
    public KafkaStreams start(String applicationId, Topology topology, java.time.Duration commitInterval) {
        return start(applicationId, topology, commitInterval, java.util.Map.of());
    }

    /**
     * As above, with {@code defaults}: Kafka Streams properties this application needs other than
     * the service's defaults, which a {@code KAFKA_*} override of the same property still replaces.
     * Task idling is off when the topology's tasks each read one partition ({@link TaskIdling}).
     */
    public KafkaStreams start(String applicationId, Topology topology, java.time.Duration commitInterval,
                              java.util.Map<String, Object> defaults) {
        LOG.debug("{} topology:\n{}", applicationId, topology.describe());
        java.util.Properties props = settings.streamsProperties();
        defaults.forEach(props::putIfAbsent);
        TaskIdling.defaultsFor(topology).forEach(props::putIfAbsent);
        props.put(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(org.apache.kafka.streams.StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        java.nio.file.Path stateDir = settings.applicationStateDir(applicationId);
        ClusterBoundState.claim(stateDir, applicationId, clusterId());
        props.put(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        withFailureHandlers(props, failures);
        java.nio.file.Path applicationDir = stateDir.resolve(applicationId); // where Kafka Streams keeps the tasks' state
        java.util.Set<java.nio.file.Path> wiped = new java.util.HashSet<>();
        while (true) {
            FenceAfterAbortClientSupplier clients = new FenceAfterAbortClientSupplier();
            KafkaStreams streams = newStreams(applicationId, topology, props, clients);
            try {
                streams.start();
            } catch (RuntimeException e) {
                streams.close();
                java.nio.file.Path halfWiped = HalfWipedState.taskDirectoryOf(e, applicationDir).orElseThrow(() -> e);
                if (!wiped.add(halfWiped)) {
                    throw e;
                }
                LOG.warn("{}: the state of task {} cannot be opened ({}): a process stopped while deleting it, most likely."
                        + " Deleting it; the task restores from its changelog", applicationId, halfWiped.getFileName(),
                        rootCause(e).getMessage());
                HalfWipedState.delete(halfWiped);
                continue;
            }
            io.micrometer.core.instrument.FunctionCounter.builder("eventline.streams.aborted.transactions", clients,
                            FenceAfterAbortClientSupplier::aborts)
                    .description("Transactions aborted; each closes its stream thread's tasks dirty and restores them")
                    .tag("application", applicationId).register(meters);
            KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
            metrics.bindTo(meters);
            streamsMetrics.add(metrics);
            applications.put(applicationId, streams);
            return streams;
        }
    }

    private KafkaStreams newStreams(String applicationId, Topology topology, java.util.Properties props,
                                    FenceAfterAbortClientSupplier clients) {
        KafkaStreams streams = new KafkaStreams(topology, props, clients);
        // A thread that dies of an unexpected error is replaced; its tasks resume from the last commit.
        // A failure on one input record was logged, with the record, by RecordFailureHandlers: one
        // line here, the stack trace only in the debug log, so a record that keeps failing does
        // not flood the log before it is taken out of the stream.
        streams.setUncaughtExceptionHandler(error -> {
            threadFailures.failed(applicationId, error);
            LOG.error("{}: stream thread failed ({}: {}), replacing it", applicationId, rootCause(error).getClass().getName(),
                    rootCause(error).getMessage());
            LOG.debug("{}: stream thread failure", applicationId, error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> LOG.info("{}: {} -> {}", applicationId, before, now));
        return streams;
    }

    /** The id of the Kafka cluster the service connects to, asked once: what its local state belongs to. */
    private synchronized String clusterId() {
        if (clusterId == null) {
            clusterId = ClusterBoundState.clusterId(settings.clientConfig(), ClusterBoundState.CLUSTER_ID_TIMEOUT);
        }
        return clusterId;
    }

    /**
     * Adds the handlers that count a failure against its input record, and the ledger they count
     * in, to an application's properties: what the processors consult before trying a record again.
     */
    private static java.util.Properties withFailureHandlers(java.util.Properties props, FailingRecords failures) {
        props.put(org.apache.kafka.streams.StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                RecordFailureHandlers.Processing.class.getName());
        props.put(org.apache.kafka.streams.StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                RecordFailureHandlers.Production.class.getName());
        props.put(FailingRecords.CONFIG, failures);
        return props;
    }

    /** The input records on which this service's stream threads failed: what its processors give up on. */
    public FailingRecords failures() {
        return failures;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Waits, bounded, until every application is RUNNING (all tasks assigned and restored). */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!applications.isEmpty() && applications.values().stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The first (for the command service, the only) application. */
    public KafkaStreams kafkaStreams() {
        return applications.values().iterator().next();
    }

    public Map<String, KafkaStreams> applications() {
        return java.util.Collections.unmodifiableMap(applications);
    }

    public MeterRegistry meters() {
        return meters;
    }

    public HttpApi httpApi() {
        return http;
    }

    public ServiceSettings settings() {
        return settings;
    }

    private Map<String, String> states() {
        Map<String, String> states = new java.util.TreeMap<>();
        applications.forEach((id, s) -> states.put(id, s.state().name()));
        return states;
    }

    private Response liveness() {
        Map<String, String> states = states();
        if (states.containsValue("ERROR") || states.containsValue("NOT_RUNNING")) {
            throw Problem.unavailable(name + " has a stopped application: " + states, 5);
        }
        return Response.ok(Map.of("status", "UP", "applications", states));
    }

    private Response readiness() {
        Map<String, String> states = states();
        java.util.List<String> reasons = new java.util.ArrayList<>();
        if (states.isEmpty() || states.values().stream().anyMatch(s -> !s.equals("RUNNING"))) {
            reasons.add("not every application is RUNNING: " + states);
        }
        // RUNNING is not enough: a thread can fail on a record, be replaced, fail again, and the
        // application still says RUNNING between the two.
        java.util.List<FailingRecords.Failure> failing = failures.recent();
        if (!failing.isEmpty()) {
            reasons.add("failing on " + failing.size() + " input record(s) within the last minute, latest: "
                    + failing.get(failing.size() - 1).describe());
        }
        java.util.List<String> threads = threadFailures.recent();
        if (threads.size() >= ThreadFailures.UNREADY_AT) {
            reasons.add(threads.size() + " stream threads failed within the last minute, latest: " + threads.get(threads.size() - 1));
        }
        if (!reasons.isEmpty()) {
            boolean failingNow = !failing.isEmpty() || threads.size() >= ThreadFailures.UNREADY_AT;
            throw Problem.unavailable(name + " is not ready: " + String.join("; ", reasons), failingNow ? 5 : 1);
        }
        return Response.ok(Map.of("status", "READY", "applications", states));
    }

    /**
     * Closes within {@link #CLOSE_TIMEOUT} whatever the stream threads are doing: every application
     * is asked to close at once, and a thread that does not finish in time is left to the JVM's exit.
     */
    @Override
    public void close() {
        http.close();
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        // Signal every application first, so they stop side by side rather than one after another.
        applications.values().forEach(s -> s.close(Duration.ZERO));
        applications.forEach((id, s) -> {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!s.close(left)) {
                LOG.warn("{}: did not stop within {} s; leaving its threads to the process exit", id, CLOSE_TIMEOUT.toSeconds());
            }
        });
        streamsMetrics.forEach(KafkaStreamsMetrics::close);
        meters.close();
    }

    /** How long {@link #close()} waits for the stream threads in all. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
}
