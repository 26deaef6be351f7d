package io.eventline.service.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties an application's local state directory to the Kafka cluster its stores were restored from.
 *
 * <p>Kafka Streams' local state is a copy of changelog topics, checkpointed by offset, and nothing in
 * it says which cluster those offsets belong to. Started against another cluster (a broker whose
 * storage was wiped, a demo with a new data directory, a state volume moved between environments),
 * an instance would treat another cluster's stores as its own: checkpoints past the new changelogs'
 * ends make every task corrupt at once (seen here as an instance rebalancing for minutes), and
 * checkpoints the new changelogs have already passed would be trusted, the stores then holding the
 * other cluster's records under this one's. So each directory records the cluster id it was
 * written for, and state found from another cluster is removed before Kafka Streams opens it: the
 * stores restore from this cluster's changelogs, as on a new machine.
 */
public final class ClusterBoundState {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterBoundState.class);
    /** Inside the application's state directory, beside Kafka Streams' own files. */
    static final String MARKER = "eventline-kafka-cluster-id";
    /** Where Kafka Streams locks an application's directory ({@code StateDirectory}): {@code <state.dir>/<application id>/.lock}. */
    private static final String STREAMS_LOCK = ".lock";

    /** How long a start waits to learn the cluster id before it fails. */
    public static final java.time.Duration CLUSTER_ID_TIMEOUT = java.time.Duration.ofSeconds(30);

    private ClusterBoundState() {}

    /** The id of the cluster {@code clientConfig} connects to; fails after {@code timeout}. */
    public static String clusterId(java.util.Map<String, Object> clientConfig, java.time.Duration timeout) {
        Admin admin = Admin.create(clientConfig);
        try {
            return clusterId(admin, timeout);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (from " + clientConfig.get("bootstrap.servers") + ")", e.getCause());
        } finally {
            admin.close(java.time.Duration.ZERO);
        }
    }

    /** The id of the cluster {@code admin} is connected to; fails after {@code timeout}. */
    public static String clusterId(Admin admin, java.time.Duration timeout) {
        try {
            return java.util.Objects.requireNonNull(admin.describeCluster(new DescribeClusterOptions()
                    .timeoutMs((int) timeout.toMillis())).clusterId().get(), "the cluster has no id");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking Kafka for its cluster id", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Cannot read the Kafka cluster id within " + timeout.toSeconds() + " s: "
                    + e.getCause(), e.getCause());
        }
    }

    /**
     * Prepares {@code directory}, the {@code state.dir} of application {@code applicationId}, for
     * cluster {@code clusterId}: keeps it when it was written for that cluster, or when it predates
     * this marker (nothing says otherwise); removes its contents when it was written for another.
     * Returns whether anything was removed. Refuses, rather than remove state, while another Kafka
     * Streams instance holds the directory's lock.
     */
    public static boolean claim(Path directory, String applicationId, String clusterId) {
        try {
            Files.createDirectories(directory);
            // A symbolic link as the directory itself would not be walked into: work on what it names.
            Path dir = directory.toRealPath();
            Path marker = dir.resolve(MARKER);
            Optional<String> recorded = Files.exists(marker)
                    ? Optional.of(Files.readString(marker, StandardCharsets.UTF_8).trim()) : Optional.empty();
            boolean foreign = recorded.isPresent() && !recorded.get().equals(clusterId);
            if (foreign) {
                LOG.warn("Local state in {} was restored from Kafka cluster {}, not from {}, the cluster this instance "
                        + "connects to: removing it; its stores restore from this cluster's changelogs",
                        dir, recorded.get(), clusterId);
                removeContentsUnlocked(dir, dir.resolve(applicationId).resolve(STREAMS_LOCK), marker);
            }
            if (recorded.isEmpty() || foreign) {
                // Written last and whole: until the removal is complete the old id stays, and a start
                // after a crash halfway removes the rest.
                Path written = Files.writeString(dir.resolve(MARKER + ".new"), clusterId + "\n", StandardCharsets.UTF_8);
                Files.move(written, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return foreign;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the state directory " + directory, e);
        }
    }

    /** Removes everything in {@code dir} but {@code keep}, holding Kafka Streams' lock {@code lock} meanwhile. */
    private static void removeContentsUnlocked(Path dir, Path lock, Path keep) throws IOException {
        Files.createDirectories(lock.getParent());
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = tryLock(channel)) {
            if (held == null) {
                throw new IllegalStateException("The state directory " + dir + " is in use by another Kafka Streams "
                        + "instance (its lock " + lock + " is held): two instances must not share one EVENTLINE_STATE_DIR");
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                    if (!path.equals(dir) && !path.equals(keep) && !path.equals(lock) && !path.equals(lock.getParent())) {
                        Files.delete(path);
                    }
                }
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }
}
