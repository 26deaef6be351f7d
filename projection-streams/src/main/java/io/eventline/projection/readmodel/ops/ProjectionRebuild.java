package io.eventline.projection.readmodel.ops;

import io.eventline.projection.readmodel.ConsumerLag;
import io.eventline.projection.module.ProjectionContext;
import io.eventline.projection.readmodel.ProjectionProgress;
import io.eventline.projection.readmodel.ReadModelModule;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.service.app.ClusterBoundState;
import io.eventline.service.app.FenceAfterAbortClientSupplier;
import io.eventline.service.app.TaskIdling;
import io.eventline.service.config.ServiceSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Rebuilds one read model from the event topics, from scratch, printing a progress bar:
 * <ul>
 * <li>{@link Mode#FRESH}: into a new application id, {@code <live id>-rebuild-<n>}, beside the live
 *     one, which goes on answering (to compare, or to measure);</li>
 * <li>{@link Mode#RESET}: the live application itself, with every instance stopped: its internal
 *     topics and committed offsets are deleted and this process's local state wiped (cleanUp);
 *     other machines' instances find their local state ahead of the new changelogs on restart and
 *     restore it anew.</li>
 * </ul>
 * It returns once the application has caught up with the event topics as they were when it started.
 */
public final class ProjectionRebuild {

    public enum Mode { FRESH, RESET }

    /**
     * @param events  the events read from the event topics
     * @param changes the changes applied to the read model's stores (fewer: replays and events it ignores)
     * @param took    from starting the application to caught up: its start and first rebalance included
     * @param replaying from the first event read to the last change applied: the replay alone
     */
    public record Result(String applicationId, long events, long changes, Duration took, double eventsPerSecond,
                         Duration replaying) {

        /** Events per second while replaying, without the start: what the replay itself can do. */
        public double replayEventsPerSecond() {
            return RebuildProgressBar.rate(events, replaying);
        }
    }

    private static final Duration POLL = Duration.ofMillis(500);
    /** A little more than the consumer session timeout the services run with (ServiceSettings: 10 s). */
    public static final Duration DEFAULT_MEMBER_WAIT = Duration.ofSeconds(12);

    private final ServiceSettings settings;
    private final SchemaRegistry registry;
    private final PrintStream out;
    private final Clock clock;

    private final Duration memberWait;

    public ProjectionRebuild(ServiceSettings settings, SchemaRegistry registry, PrintStream out) {
        this(settings, registry, out, DEFAULT_MEMBER_WAIT);
    }

    /** @param memberWait how long a reset waits for stopped instances to drop out of the group before it refuses */
    public ProjectionRebuild(ServiceSettings settings, SchemaRegistry registry, PrintStream out, Duration memberWait) {
        this.settings = settings;
        this.registry = registry;
        this.out = out;
        this.memberWait = memberWait;
        this.clock = Clock.systemUTC();
    }

    public Result rebuild(ReadModelModule module, Mode mode, Duration timeout) throws Exception {
        ProjectionContext context = ProjectionContext.of(settings, registry, new SimpleMeterRegistry(), clock);
        String live = context.applicationId(module);
        Set<String> inputs = module.aggregateTypes().stream().map(settings.topics()::events).collect(Collectors.toSet());
        String applicationId;
        String clusterId;
        Map<TopicPartition, Long> sizes;
        try (Admin admin = Admin.create(settings.clientConfig())) {
            clusterId = ClusterBoundState.clusterId(admin, ClusterBoundState.CLUSTER_ID_TIMEOUT);
            // The topology reads the operators' parking decisions (a global store): their topic must
            // exist, also on a pipeline set up before it did.
            new TopicProvisioner(admin).provision(settings.topics().all());
            RebuildAdmin rebuild = new RebuildAdmin(admin);
            applicationId = mode == Mode.FRESH ? rebuild.nextRebuildId(live) : live;
            if (mode == Mode.RESET) {
                rebuild.reset(live, memberWait);
            }
            sizes = rebuild.sizes(inputs);
        }
        ProjectionProgress progress = new ProjectionProgress();
        Path stateDir = settings.applicationStateDir(applicationId);
        // A rebuild id can come again on another cluster (they count from 1 per cluster): its state must be this one's.
        ClusterBoundState.claim(stateDir, applicationId, clusterId);
        Topology topology = module.topology(context, progress);
        Properties props = properties(applicationId, stateDir);
        TaskIdling.defaultsFor(topology).forEach(props::putIfAbsent);
        KafkaStreams streams = new KafkaStreams(topology, props, new FenceAfterAbortClientSupplier());
        try {
            if (mode == Mode.RESET) {
                streams.cleanUp();
            }
            long started = clock.millis();
            streams.start();
            RebuildProgressBar bar = new RebuildProgressBar(out, module.name());
            awaitCaughtUp(streams, progress, inputs, sizes, bar, started, timeout);
            Duration took = Duration.ofMillis(clock.millis() - started);
            bar.done(applicationId, progress.eventsRead(), took);
            return new Result(applicationId, progress.eventsRead(), progress.changesApplied(), took,
                    RebuildProgressBar.rate(progress.eventsRead(), took), progress.busy());
        } finally {
            // Leave the group at once: a reset that follows need not wait for this member's session to expire.
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        }
    }

    /**
     * Caught up: running, every input partition fetched with no lag left, no lag on the repartition
     * topics either, and nothing read or applied for two polls in a row (the last stage has drained).
     */
    private void awaitCaughtUp(KafkaStreams streams, ProjectionProgress progress, Set<String> inputs,
                               Map<TopicPartition, Long> sizes, RebuildProgressBar bar, long started, Duration timeout)
            throws Exception {
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        long deadline = started + timeout.toMillis();
        long lastCount = -1;
        int quiet = 0;
        while (quiet < 2) {
            if (clock.millis() > deadline) {
                throw new TimeoutException("the rebuild did not catch up within " + timeout + " (state " + streams.state() + ")");
            }
            Thread.sleep(POLL.toMillis());
            Map<TopicPartition, Long> lags = ConsumerLag.byPartition(streams, inputs);
            long remaining = sizes.entrySet().stream().mapToLong(e -> lags.getOrDefault(e.getKey(), e.getValue())).sum();
            bar.show(total == 0 ? 1 : 1 - (double) remaining / total, progress.eventsRead(),
                    Duration.ofMillis(clock.millis() - started));
            long count = progress.eventsRead() + progress.changesApplied();
            boolean drained = streams.state() == KafkaStreams.State.RUNNING && lags.keySet().containsAll(sizes.keySet())
                    && remaining == 0 && ConsumerLag.records(streams) == 0;
            quiet = drained && count == lastCount ? quiet + 1 : 0;
            lastCount = count;
        }
    }

    private Properties properties(String applicationId, Path stateDir) {
        Properties props = settings.streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
        // A rebuild answers no queries: it is no instance to route to.
        props.remove(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return props;
    }
}
