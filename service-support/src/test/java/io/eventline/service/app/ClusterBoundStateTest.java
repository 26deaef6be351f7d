package io.eventline.service.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterBoundStateTest {

    private static final String APP = "app";

    @TempDir
    Path root;

    @Test
    void state_written_for_another_cluster_is_removed_and_the_directory_claimed_for_this_one() throws Exception {
        Path dir = root.resolve("state");
        ClusterBoundState.claim(dir, APP, "cluster-a");
        taskStateIn(dir);
        Files.writeString(dir.resolve("kafka-streams-process-metadata"), "{}");

        assertThat(ClusterBoundState.claim(dir, APP, "cluster-b")).isTrue();

        try (var left = Files.list(dir)) {
            assertThat(left).as("the marker, and the application's directory with Kafka Streams' lock file")
                    .containsExactlyInAnyOrder(dir.resolve(ClusterBoundState.MARKER), dir.resolve(APP));
        }
        try (var left = Files.list(dir.resolve(APP))) {
            assertThat(left).containsExactly(dir.resolve(APP).resolve(".lock"));
        }
        assertThat(Files.readString(dir.resolve(ClusterBoundState.MARKER), StandardCharsets.UTF_8).trim()).isEqualTo("cluster-b");
    }

    @Test
    void state_of_the_same_cluster_is_kept() throws Exception {
        Path dir = root.resolve("state");
        ClusterBoundState.claim(dir, APP, "cluster-a");
        Path checkpoint = taskStateIn(dir);

        assertThat(ClusterBoundState.claim(dir, APP, "cluster-a")).isFalse();

        assertThat(checkpoint).exists();
    }

    @Test
    void state_from_before_the_marker_is_kept_and_claimed_for_the_cluster_at_hand() throws Exception {
        Path dir = root.resolve("state");
        Path checkpoint = taskStateIn(dir);

        assertThat(ClusterBoundState.claim(dir, APP, "cluster-a")).isFalse();

        assertThat(checkpoint).exists();
        assertThat(Files.readString(dir.resolve(ClusterBoundState.MARKER), StandardCharsets.UTF_8).trim()).isEqualTo("cluster-a");
        assertThat(ClusterBoundState.claim(dir, APP, "cluster-b")).as("from now on another cluster is noticed").isTrue();
    }

    @Test
    void state_that_a_running_instance_holds_is_not_removed() throws Exception {
        Path dir = root.resolve("state");
        ClusterBoundState.claim(dir, APP, "cluster-a");
        Path checkpoint = taskStateIn(dir);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dir.resolve(APP).resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            assertThatThrownBy(() -> ClusterBoundState.claim(dir, APP, "cluster-b"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another Kafka Streams instance");
        }
        assertThat(checkpoint).exists();
        assertThat(Files.readString(dir.resolve(ClusterBoundState.MARKER), StandardCharsets.UTF_8).trim())
                .as("still the cluster its state came from").isEqualTo("cluster-a");
    }

    /** A task's checkpoint as Kafka Streams lays it out: offsets of changelogs on some cluster. */
    private static Path taskStateIn(Path dir) throws Exception {
        Path checkpoint = Files.createDirectories(dir.resolve("app/0_1")).resolve(".checkpoint");
        Files.writeString(checkpoint, "0\n1\nshop.order.events 0 5000\n");
        return checkpoint;
    }
}
