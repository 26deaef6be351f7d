package io.eventline.launcher.faults;

import io.eventline.verify.VerificationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SIGSTOP of a command-service instance for longer than its session and transaction timeouts (both
 * 10 s), then SIGCONT. Meanwhile the group moves its partitions to the other instance, and the
 * frozen one's open transaction is aborted, so its late writes can never become visible: when it
 * wakes it is fenced, rejoins, and keeps working. To show the last, the other instance then leaves
 * and the thawed one alone carries the workload to the end.
 */
public final class FreezeScenario implements Scenario {

    /** What Kafka Streams logs when it finds it was fenced: its tasks migrated, its transaction gone. */
    static final List<String> FENCING = List.of("ProducerFenced", "fenced trying", "is being fenced", "producer is fenced",
            "InvalidProducerEpoch", "TaskMigrated", "CommitFailed", "UNKNOWN_MEMBER_ID", "ILLEGAL_GENERATION",
            "stale Generation", "zombies", "Lost previously assigned partitions");

    private final Duration frozen;

    public FreezeScenario(Duration frozen) {
        this.frozen = frozen;
    }

    @Override
    public String name() {
        return "sigstop " + frozen.toSeconds() + " s";
    }

    @Override
    public ScenarioResult run(FaultContext context, String prefix) throws Exception {
        Instant began = Instant.now();
        Map<String, Object> facts = new LinkedHashMap<>();
        try (FaultPipeline p = context.pipeline(prefix, 0)) {
            ServiceInstance a = p.startCommandService("a");
            ServiceInstance b = p.startCommandService("b");
            Faults.require(a.awaitReady(Duration.ofSeconds(90)) && b.awaitReady(Duration.ofSeconds(90)), "both ready", p);
            ShopWorkload workload = p.workload(false, prefix.hashCode());
            workload.seed();
            workload.start(context.rate());
            context.pause();
            facts.put("frozen", frozen.toSeconds() + " s from " + workload.progress());
            a.freeze();
            Thread.sleep(frozen.toMillis());
            int outputAtThaw = a.output().length();
            a.thaw();
            // Awake, it first believes it still runs; it is back once it has been through a rebalance.
            boolean rejoined = awaitInOutput(a, outputAtThaw, "REBALANCING -> RUNNING", Duration.ofSeconds(90));
            facts.put("thawed instance alive", a.isAlive());
            facts.put("rejoined after thaw", rejoined);
            facts.put("fencing seen", fencingLines(a.output().substring(outputAtThaw)));
            facts.put("records aborted so far", AbortedRecords.count(p));
            Faults.require(a.isAlive() && rejoined, "the thawed instance rejoined", p);
            // An orderly leave moves every partition to the thawed instance at once, without a session timeout.
            Faults.require(b.terminate(Duration.ofSeconds(60)), "the other instance stopped", p);
            facts.put("other instance stopped at", workload.progress());
            context.pause();
            long published = workload.stop();
            facts.put("longest send", workload.longestSendMillis() + " ms");
            Faults.require(a.awaitReady(Duration.ofSeconds(90)), "the thawed instance alone is ready", p);
            VerificationReport report = p.verifier().awaitHolds(context.verifyTimeout());
            return new ScenarioResult(name(), prefix, published, 2, Duration.between(began, Instant.now()), facts,
                    Faults.withOutputs(report, p));
        }
    }

    private static boolean awaitInOutput(ServiceInstance instance, int from, String text, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && instance.isAlive()) {
            if (instance.output().substring(from).contains(text)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** The first few log lines that say the instance was fenced, without the client ids that fill them. */
    static List<String> fencingLines(String output) {
        return output.lines().filter(line -> FENCING.stream().anyMatch(line::contains))
                .map(line -> line.replaceAll("\\[(Consumer|Producer) clientId=[^\\]]*\\] ", ""))
                .map(line -> line.length() > 240 ? line.substring(0, 240) + "..." : line).limit(5).toList();
    }
}
