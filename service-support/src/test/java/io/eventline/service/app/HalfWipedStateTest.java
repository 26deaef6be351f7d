package io.eventline.service.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HalfWipedStateTest {

    @TempDir
    Path applicationDir;

    @Test
    void names_the_task_directory_of_the_store_that_did_not_open() throws Exception {
        Path task = Files.createDirectories(applicationDir.resolve("7_0/rocksdb/shipment-event-history"));
        ProcessorStateException failure = new ProcessorStateException("Error opening store shipment-event-history at location "
                + task, new RuntimeException("While opening a file for sequentially reading: MANIFEST-000032: No such file"));

        assertThat(HalfWipedState.taskDirectoryOf(failure, applicationDir)).contains(applicationDir.resolve("7_0"));
        assertThat(HalfWipedState.taskDirectoryOf(new StreamsException("start failed", failure), applicationDir))
                .as("wrapped").contains(applicationDir.resolve("7_0"));

        HalfWipedState.delete(applicationDir.resolve("7_0"));
        assertThat(applicationDir.resolve("7_0")).doesNotExist();
        assertThat(applicationDir).exists();
    }

    @Test
    void names_nothing_outside_the_application_or_for_other_failures() throws Exception {
        Path elsewhere = Files.createDirectories(applicationDir.resolveSibling("other-app").resolve("0_1/rocksdb/store"));
        Files.createDirectories(applicationDir.resolve("kafka-streams-process-metadata"));

        assertThat(HalfWipedState.taskDirectoryOf(new ProcessorStateException(
                "Error opening store store at location " + elsewhere), applicationDir)).isEmpty();
        assertThat(HalfWipedState.taskDirectoryOf(new ProcessorStateException("Error opening store store at location "
                + applicationDir.resolve("kafka-streams-process-metadata/x")), applicationDir)).as("not a task").isEmpty();
        assertThat(HalfWipedState.taskDirectoryOf(new ProcessorStateException("Error opening store store at location "
                + applicationDir.resolve("3_2/rocksdb/store")), applicationDir)).as("no such directory").isEmpty();
        assertThat(HalfWipedState.taskDirectoryOf(new IllegalStateException("Unable to obtain lock"), applicationDir)).isEmpty();
    }
}
