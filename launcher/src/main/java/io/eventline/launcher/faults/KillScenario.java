package io.eventline.launcher.faults;

import io.eventline.projection.saga.SagaSettings;
import io.eventline.verify.VerificationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SIGKILL of command-service instances under load, again and again, each followed by a restart on
 * the same state directory: the orders go through the saga, so the run ends with its invariants
 * too. The next kill does not wait for the last rebalance to finish: a crash during a rebalance is
 * the harder case.
 */
public final class KillScenario implements Scenario {

    private final int kills;

    public KillScenario(int kills) {
        this.kills = kills;
    }

    @Override
    public String name() {
        return "sigkill x" + kills;
    }

    @Override
    public ScenarioResult run(FaultContext context, String prefix) throws Exception {
        Instant began = Instant.now();
        Map<String, Object> facts = new LinkedHashMap<>();
        try (FaultPipeline p = context.pipeline(prefix, 0)) {
            List<ServiceInstance> instances = List.of(p.startCommandService("a"), p.startCommandService("b"));
            p.startSaga(new SagaSettings(Duration.ofSeconds(60), Duration.ofSeconds(1)));
            for (ServiceInstance instance : instances) {
                Faults.require(instance.awaitReady(Duration.ofSeconds(90)), instance.name() + " ready", p);
            }
            ShopWorkload workload = p.workload(true, prefix.hashCode());
            workload.seed();
            workload.start(context.rate());
            for (int k = 0; k < kills; k++) {
                context.pause();
                ServiceInstance victim = instances.get(k % instances.size());
                long pid = victim.pid();
                victim.crashAndRestart();
                facts.put("kill " + (k + 1), victim.name() + " pid " + pid + " at " + workload.progress());
            }
            context.pause();
            long published = workload.stop();
            facts.put("longest send", workload.longestSendMillis() + " ms");
            for (ServiceInstance instance : instances) {
                Faults.require(instance.awaitReady(Duration.ofSeconds(90)), instance.name() + " ready at the end", p);
            }
            VerificationReport report = p.verifier().withSagaInvariants(p.sagaApplicationId()).awaitHolds(context.verifyTimeout());
            facts.put("resent", workload.resent());
            return new ScenarioResult(name(), prefix, published, kills, Duration.between(began, Instant.now()), facts,
                    Faults.withOutputs(report, p));
        }
    }
}
