package io.eventline.launcher.faults;

import io.eventline.contracts.AggregateType;
import io.eventline.domain.order.OrderCommand;
import io.eventline.verify.VerificationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SIGKILL at load: two command-service instances sharing the partitions, a producer we did not
 * write publishing orders at {@code rate} commands a second (some on wrong partitions, some sent
 * twice, some with a time out of range), and an instance killed every {@code killEvery}, restarted
 * at once on its state directory, without waiting for the rebalance. What reproduced one command
 * record answered twice (docs/faults.md); ends with the exactly-once verifier.
 */
public final class LoadKillScenario implements Scenario {

    private final int kills;
    private final Duration killEvery;
    private final int rate;

    public LoadKillScenario(int kills, Duration killEvery, int rate) {
        this.kills = kills;
        this.killEvery = killEvery;
        this.rate = rate;
    }

    @Override
    public String name() {
        return "sigkill at " + rate + "/s x" + kills;
    }

    @Override
    @SuppressWarnings("unchecked")
    public ScenarioResult run(FaultContext context, String prefix) throws Exception {
        Instant began = Instant.now();
        Map<String, Object> facts = new LinkedHashMap<>();
        try (FaultPipeline p = context.pipeline(prefix, 0)) {
            List<ServiceInstance> instances = List.of(p.startCommandService("a"), p.startCommandService("b"));
            for (ServiceInstance instance : instances) {
                Faults.require(instance.awaitReady(Duration.ofSeconds(90)), instance.name() + " ready", p);
            }
            AggregateType<OrderCommand, ?, ?> orders = (AggregateType<OrderCommand, ?, ?>) p.types.stream()
                    .filter(t -> t.name().equals("order")).findFirst().orElseThrow();
            long published;
            try (ForeignProducerWorkload workload = new ForeignProducerWorkload(prefix, p.settings.clientConfig(),
                    p.settings.topics(), orders, prefix.hashCode())) {
                workload.start(rate);
                for (int k = 0; k < kills; k++) {
                    Thread.sleep(killEvery.toMillis());
                    ServiceInstance victim = instances.get(k % instances.size());
                    long pid = victim.pid();
                    victim.crashAndRestart();
                    facts.put("kill " + (k + 1), victim.name() + " pid " + pid + " at " + workload.progress());
                }
                Thread.sleep(killEvery.toMillis());
                published = workload.stop();
                facts.putAll(workload.counts());
            }
            for (ServiceInstance instance : instances) {
                Faults.require(instance.awaitReady(Duration.ofSeconds(90)), instance.name() + " ready at the end", p);
            }
            VerificationReport report = p.verifier().awaitHolds(context.verifyTimeout());
            facts.put("answered again after a committed replay (not published)", Faults.count(p, "not answering it twice"));
            return new ScenarioResult(name(), prefix, published, kills, Duration.between(began, Instant.now()), facts,
                    Faults.withOutputs(report, p));
        }
    }
}
