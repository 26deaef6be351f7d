package io.eventline.launcher.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how hard scenarios run.
 *
 * @param broker        the broker, when the caller owns it (a broker restart needs one; a shared test broker is not)
 * @param rate          commands per second the workload publishes
 * @param phase         how long the workload runs between two faults
 * @param verifyTimeout how long the verifier may wait for the pipeline to settle
 */
public record FaultContext(String bootstrapServers, Optional<BrokerProcess> broker, Path workDir, int rate,
                           Duration phase, Duration verifyTimeout) {

    /** The short form CI runs: a few seconds between faults, a modest rate. */
    public static FaultContext ci(String bootstrapServers, Optional<BrokerProcess> broker, Path workDir) {
        return new FaultContext(bootstrapServers, broker, workDir, 100, Duration.ofSeconds(3), Duration.ofSeconds(120));
    }

    FaultPipeline pipeline(String prefix, int standbyReplicas) {
        return new FaultPipeline(bootstrapServers, prefix, workDir.resolve(prefix), standbyReplicas);
    }

    void pause() throws InterruptedException {
        Thread.sleep(phase.toMillis());
    }
}
