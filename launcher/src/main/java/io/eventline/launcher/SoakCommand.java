package io.eventline.launcher;

import io.eventline.launcher.faults.BrokerProcess;
import io.eventline.launcher.faults.BrokerRestartScenario;
import io.eventline.launcher.faults.FaultContext;
import io.eventline.launcher.faults.FaultPipeline;
import io.eventline.launcher.faults.FreezeScenario;
import io.eventline.launcher.faults.KillScenario;
import io.eventline.launcher.faults.LoadKillScenario;
import io.eventline.launcher.faults.PoisonScenario;
import io.eventline.launcher.faults.ScaleScenario;
import io.eventline.launcher.faults.Scenario;
import io.eventline.launcher.faults.ScenarioResult;
import io.eventline.verify.VerificationReport;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the fault scenarios again and again against a broker of its own (in a JVM of its own, so
 * that it can be crashed and restarted too), each round on new topics, until the time is up; then
 * verifies every pipeline once more, after all the faults that came later, and prints the results.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Run the fault scenarios (SIGKILL, SIGSTOP, scaling, broker restarts, poison input) repeatedly "
                + "for N minutes on an embedded broker of its own, ending with the exactly-once verifier.")
final class SoakCommand implements Callable<Integer> {

    @Option(names = "--minutes", defaultValue = "10", description = "How long to keep starting rounds (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--rate", defaultValue = "200", description = "Commands per second of each workload (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--phase", defaultValue = "PT6S", description = "Workload time between two faults (default: ${DEFAULT-VALUE}).")
    Duration phase;

    @Option(names = "--load-rate", defaultValue = "1000",
            description = "Commands per second of the foreign producer in the SIGKILL-at-load scenario (default: ${DEFAULT-VALUE}).")
    int loadRate;

    @Option(names = "--kill-every", defaultValue = "PT7S",
            description = "Time between two SIGKILLs in the SIGKILL-at-load scenario (default: ${DEFAULT-VALUE}).")
    Duration killEvery;

    @Option(names = "--scenarios", defaultValue = "all",
            description = "all: every scenario each round; load-kill: only SIGKILLs at load, back to back; kill: only the"
                    + " SIGKILLs of two instances beside the saga, back to back (default: ${DEFAULT-VALUE}).")
    String scenarios;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("eventline-soak");
        Instant began = Instant.now();
        Instant until = began.plus(Duration.ofMillis((long) (minutes * 60_000)));
        List<ScenarioResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (BrokerProcess broker = new BrokerProcess(work.resolve("kafka"))) {
            broker.start();
            System.out.printf("Soak: broker on %s, data and logs in %s, until %s%n", broker.bootstrapServers(), work, until);
            FaultContext context = new FaultContext(broker.bootstrapServers(), Optional.of(broker), work, rate, phase,
                    Duration.ofMinutes(3));
            for (int round = 1; Instant.now().isBefore(until); round++) {
                for (Scenario scenario : scenarios(round, scenarios, loadRate, killEvery)) {
                    if (!Instant.now().isBefore(until)) {
                        break;
                    }
                    String prefix = "soak-r" + round + "-" + scenario.name().replaceAll("[^a-z0-9]+", "-");
                    try {
                        ScenarioResult result = scenario.run(context, prefix);
                        results.add(result);
                        System.out.printf("[round %d, %s] %s%n", round, Duration.between(began, Instant.now()).toSeconds() + " s", result);
                    } catch (Exception | AssertionError e) {
                        failures.add(prefix + ": " + e);
                        System.out.printf("[round %d] %s FAILED: %s%n", round, prefix, e);
                    }
                }
            }
            return summary(broker.bootstrapServers(), results, failures, began) ? 0 : 1;
        }
    }

    private static List<Scenario> scenarios(int round, String which, int loadRate, Duration killEvery) {
        Scenario loadKill = new LoadKillScenario(8, killEvery, loadRate);
        return switch (which) {
            case "load-kill" -> List.of(loadKill);
            case "kill" -> List.of(new KillScenario(3));
            // Odd rounds crash the broker (SIGKILL), even ones restart it in an orderly way.
            case "all" -> List.of(loadKill, new KillScenario(3), new FreezeScenario(Duration.ofSeconds(20)), new ScaleScenario(),
                    new PoisonScenario(), new BrokerRestartScenario(round % 2 == 1));
            default -> throw new IllegalArgumentException("--scenarios must be all, load-kill or kill, not " + which);
        };
    }

    /** Verifies every pipeline again, now that every later fault has passed over it too, and prints the totals. */
    private static boolean summary(String bootstrap, List<ScenarioResult> results, List<String> failures, Instant began)
            throws InterruptedException {
        System.out.println();
        System.out.println("Final verification of every pipeline, after all faults:");
        long commands = 0;
        boolean holds = failures.isEmpty();
        try (SchemaRegistry registry = SchemaRegistries.fromConfig(Map.of("bootstrap.servers", bootstrap))) {
            for (ScenarioResult result : results) {
                var verifier = FaultPipeline.verifier(bootstrap, result.prefix(), registry);
                VerificationReport again = (result.report().invariants().isPresent() ? verifier.withSagaInvariants() : verifier)
                        .awaitHolds(Duration.ofSeconds(30));
                commands += again.commands();
                holds &= result.holds() && again.holds();
                System.out.printf("  %-45s %s%n", result.prefix(), again.toString().lines().findFirst().orElse(""));
            }
        }
        long kills = results.stream().filter(r -> r.name().startsWith("sigkill")).mapToLong(ScenarioResult::faults).sum()
                + results.stream().filter(r -> r.name().startsWith("broker crash")).count();
        System.out.printf("%nSoak of %d s: %d scenario runs, %d commands published by workloads, %d commands verified "
                        + "(saga commands included), %d SIGKILLs (%d of the broker), %d SIGSTOPs, %d broker restarts, "
                        + "%d instances added or removed; %d failures%n",
                Duration.between(began, Instant.now()).toSeconds(), results.size(),
                results.stream().mapToLong(ScenarioResult::commandsPublished).sum(), commands, kills,
                results.stream().filter(r -> r.name().startsWith("broker crash")).count(),
                results.stream().filter(r -> r.name().startsWith("sigstop")).count(),
                results.stream().filter(r -> r.name().startsWith("broker")).count(),
                results.stream().filter(r -> r.name().startsWith("scale")).mapToLong(ScenarioResult::faults).sum(), failures.size());
        failures.forEach(f -> System.out.println("  FAILED " + f));
        System.out.println("Verifier: " + (holds ? "HOLDS" : "BROKEN"));
        return holds;
    }
}
