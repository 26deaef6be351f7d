package io.eventline.service.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterBoundStateTest {

    @TempDir
    Path root;

    @Test
    void state_written_for_another_cluster_is_removed_and_the_directory_claimed_for_this_one() throws Exception {
        Path dir = root.resolve("app");
        ClusterBoundState.claim(dir, "cluster-a");
        taskStateIn(dir);
        Files.writeString(dir.resolve("kafka-streams-process-metadata"), "{}");

        assertThat(ClusterBoundState.claim(dir, "cluster-b")).isTrue();

        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(dir.resolve(ClusterBoundState.MARKER));
        }
        assertThat(Files.readString(dir.resolve(ClusterBoundState.MARKER), StandardCharsets.UTF_8).trim()).isEqualTo("cluster-b");
    }

    @Test
    void state_of_the_same_cluster_is_kept() throws Exception {
        Path dir = root.resolve("app");
        ClusterBoundState.claim(dir, "cluster-a");
        Path checkpoint = taskStateIn(dir);

        assertThat(ClusterBoundState.claim(dir, "cluster-a")).isFalse();

        assertThat(checkpoint).exists();
    }

    @Test
    void state_from_before_the_marker_is_kept_and_claimed_for_the_cluster_at_hand() throws Exception {
        Path dir = root.resolve("app");
        Path checkpoint = taskStateIn(dir);

        assertThat(ClusterBoundState.claim(dir, "cluster-a")).isFalse();

        assertThat(checkpoint).exists();
        assertThat(Files.readString(dir.resolve(ClusterBoundState.MARKER), StandardCharsets.UTF_8).trim()).isEqualTo("cluster-a");
        assertThat(ClusterBoundState.claim(dir, "cluster-b")).as("from now on another cluster is noticed").isTrue();
    }

    /** A task's checkpoint as Kafka Streams lays it out: offsets of changelogs on some cluster. */
    private static Path taskStateIn(Path dir) throws Exception {
        Path checkpoint = Files.createDirectories(dir.resolve("app/0_1")).resolve(".checkpoint");
        Files.writeString(checkpoint, "0\n1\nshop.order.events 0 5000\n");
        return checkpoint;
    }
}
