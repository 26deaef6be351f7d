package io.eventline.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM stops a service within the 30 s an orchestrator waits, as a pod's stop would. */
@ExtendWith(KafkaExtension.class)
class BoundedShutdownTest {

    @TempDir
    Path work;

    @Test
    void a_command_service_stops_within_thirty_seconds_of_sigterm(KafkaTestCluster kafka) throws Exception {
        try (FaultPipeline p = new FaultPipeline(kafka.bootstrapServers(), "shutdown", work, 0)) {
            ServiceInstance instance = p.startCommandService("a");
            assertThat(instance.awaitReady(Duration.ofSeconds(90))).as("ready").isTrue();

            long began = System.nanoTime();
            boolean stopped = instance.terminate(Duration.ofSeconds(30));

            assertThat(stopped).as("stopped within 30 s of SIGTERM").isTrue();
            assertThat(instance.isAlive()).isFalse();
            System.out.printf("command-service stopped %d ms after SIGTERM%n", (System.nanoTime() - began) / 1_000_000);
        }
    }
}
