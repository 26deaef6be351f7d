package io.eventline.launcher.faults;

import io.eventline.verify.VerificationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker stopped and started again on the same data directory while commands keep coming: the
 * gateway's idempotent producer holds and retries the commands, the service's transactions in
 * flight are aborted or completed, and every client reconnects to the same address. Only possible
 * with a broker the caller owns ({@link FaultContext#broker()}).
 */
public final class BrokerRestartScenario implements Scenario {

    private final boolean crash;

    /** With {@code crash}, SIGKILL instead of a controlled shutdown: the broker recovers its logs on start. */
    public BrokerRestartScenario(boolean crash) {
        this.crash = crash;
    }

    @Override
    public String name() {
        return crash ? "broker crash and restart" : "broker restart";
    }

    @Override
    public ScenarioResult run(FaultContext context, String prefix) throws Exception {
        BrokerProcess broker = context.broker().orElseThrow(() ->
                new IllegalArgumentException("a broker restart needs a broker of its own, not a shared one"));
        Instant began = Instant.now();
        Map<String, Object> facts = new LinkedHashMap<>();
        try (FaultPipeline p = context.pipeline(prefix, 0)) {
            ServiceInstance a = p.startCommandService("a");
            Faults.require(a.awaitReady(Duration.ofSeconds(90)), "a ready", p);
            ShopWorkload workload = p.workload(false, prefix.hashCode());
            workload.seed();
            workload.start(context.rate());
            context.pause();
            Instant down = Instant.now();
            if (crash) {
                broker.crash();
            } else {
                broker.stop();
            }
            facts.put("broker down at", workload.progress());
            Thread.sleep(3_000);
            broker.start();
            facts.put("broker down for", Duration.between(down, Instant.now()).toMillis() + " ms");
            context.pause();
            context.pause();
            long published = workload.stop();
            facts.put("longest send", workload.longestSendMillis() + " ms");
            Faults.require(a.awaitReady(Duration.ofSeconds(120)), "a ready after the broker came back", p);
            facts.put("service JVM survived", a.isAlive());
            VerificationReport report = p.verifier().awaitHolds(context.verifyTimeout());
            return new ScenarioResult(name(), prefix, published, 1, Duration.between(began, Instant.now()), facts,
                    Faults.withOutputs(report, p));
        }
    }
}
