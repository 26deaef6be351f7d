package io.eventline.service.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
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

    private ClusterBoundState() {}

    /**
     * Prepares {@code directory} for an application on cluster {@code clusterId}: keeps it when it was
     * written for that cluster, or when it predates this marker (nothing says otherwise); removes its
     * contents when it was written for another. Returns whether anything was removed.
     */
    public static boolean claim(Path directory, String clusterId) {
        try {
            Files.createDirectories(directory);
            Path marker = directory.resolve(MARKER);
            Optional<String> recorded = Files.exists(marker)
                    ? Optional.of(Files.readString(marker, StandardCharsets.UTF_8).trim()) : Optional.empty();
            boolean foreign = recorded.isPresent() && !recorded.get().equals(clusterId);
            if (foreign) {
                LOG.warn("Local state in {} was restored from Kafka cluster {}, not from {}, the cluster this instance "
                        + "connects to: removing it; its stores restore from this cluster's changelogs",
                        directory, recorded.get(), clusterId);
                removeContents(directory);
            }
            if (recorded.isEmpty() || foreign) {
                Files.writeString(marker, clusterId + "\n", StandardCharsets.UTF_8);
            }
            return foreign;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the state directory " + directory, e);
        }
    }

    private static void removeContents(Path directory) throws IOException {
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(directory)) {
                    Files.delete(path);
                }
            }
        }
    }
}
