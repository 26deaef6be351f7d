package io.eventline.launcher.faults;

import io.eventline.verify.VerificationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Instances added and removed under load, with a standby replica of every store: one instance, then
 * two, then three; then the first two leave in an orderly way (SIGTERM) and the last one added
 * carries on alone. Every change is a rebalance while commands keep coming.
 */
public final class ScaleScenario implements Scenario {

    @Override
    public String name() {
        return "scale out and in, standby replicas 1";
    }

    @Override
    public ScenarioResult run(FaultContext context, String prefix) throws Exception {
        Instant began = Instant.now();
        Map<String, Object> facts = new LinkedHashMap<>();
        try (FaultPipeline p = context.pipeline(prefix, 1)) {
            ServiceInstance a = p.startCommandService("a");
            Faults.require(a.awaitReady(Duration.ofSeconds(90)), "a ready", p);
            ShopWorkload workload = p.workload(false, prefix.hashCode());
            workload.seed();
            workload.start(context.rate());
            context.pause();
            p.startCommandService("b");
            facts.put("b added at", workload.progress());
            context.pause();
            ServiceInstance c = p.startCommandService("c");
            facts.put("c added at", workload.progress());
            context.pause();
            facts.put("a removed at", workload.progress());
            Faults.require(a.terminate(Duration.ofSeconds(60)), "a stopped in an orderly way", p);
            context.pause();
            facts.put("b removed at", workload.progress());
            Faults.require(p.instance("b").terminate(Duration.ofSeconds(60)), "b stopped in an orderly way", p);
            context.pause();
            long published = workload.stop();
            facts.put("longest send", workload.longestSendMillis() + " ms");
            Faults.require(c.awaitReady(Duration.ofSeconds(90)), "c alone is ready", p);
            VerificationReport report = p.verifier().awaitHolds(context.verifyTimeout());
            return new ScenarioResult(name(), prefix, published, 4, Duration.between(began, Instant.now()), facts,
                    Faults.withOutputs(report, p));
        }
    }
}
