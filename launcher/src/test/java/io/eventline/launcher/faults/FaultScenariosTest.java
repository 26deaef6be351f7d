package io.eventline.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault scenarios in their short form, on the shared broker; each ends with the exactly-once
 * verifier. Services run in JVMs of their own, so that a SIGKILL or a SIGSTOP hits a real process.
 * Two run at a time (junit-platform.properties), each on topics of its own: most of a scenario is
 * waiting for a timeout, a frozen process or a JVM to start.
 */
@ExtendWith(KafkaExtension.class)
class FaultScenariosTest {

    /** The machine's two cores: the scenario at 1,000 commands/s runs alone, the others two at a time. */
    private static final String CORES = "cores";

    @TempDir
    Path work;

    @Test
    @Execution(ExecutionMode.CONCURRENT) // with each other, never with another class
    @ResourceLock(value = CORES, mode = ResourceAccessMode.READ)
    void three_sigkills_under_load_lose_nothing_duplicate_nothing_and_the_saga_invariants_hold(KafkaTestCluster kafka)
            throws Exception {
        ScenarioResult result = new KillScenario(3).run(context(kafka), "faults-kill");

        System.out.println(result);
        assertThat(result.holds()).as(result.toString()).isTrue();
        assertThat(result.facts()).containsKeys("kill 1", "kill 2", "kill 3");
        assertThat(result.report().invariants()).hasValueSatisfying(i -> {
            assertThat(i.ordersOpen()).isZero();
            assertThat(i.ordersShipped()).isPositive();
        });
        assertThat(result.report().commands()).isGreaterThan(result.commandsPublished() / 2);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT) // with each other, never with another class
    @ResourceLock(value = CORES, mode = ResourceAccessMode.READ_WRITE) // 1,000 commands/s needs both cores to itself
    void sigkills_every_few_seconds_at_a_thousand_commands_a_second_from_a_foreign_producer_answer_each_record_once(
            KafkaTestCluster kafka) throws Exception {
        ScenarioResult result = new LoadKillScenario(4, Duration.ofSeconds(4), 1_000).run(context(kafka), "faults-load-kill");

        System.out.println(result);
        assertThat(result.holds()).as(result.toString()).isTrue();
        assertThat(result.facts()).containsKeys("kill 1", "kill 4");
        assertThat((Long) result.facts().get("on another partition")).isPositive();
        assertThat((Long) result.facts().get("issuedAt out of range")).isPositive();
        assertThat(result.report().commands()).as("command records answered").isGreaterThan(10_000);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT) // with each other, never with another class
    @ResourceLock(value = CORES, mode = ResourceAccessMode.READ)
    void an_instance_frozen_past_its_transaction_timeout_is_fenced_then_rejoins_and_carries_on_alone(KafkaTestCluster kafka)
            throws Exception {
        ScenarioResult result = new FreezeScenario(Duration.ofSeconds(15)).run(context(kafka), "faults-freeze");

        System.out.println(result);
        assertThat(result.holds()).as(result.toString()).isTrue();
        assertThat(result.facts()).containsEntry("thawed instance alive", true).containsEntry("rejoined after thaw", true);
        assertThat((List<?>) result.facts().get("fencing seen")).as(result.toString()).isNotEmpty();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT) // with each other, never with another class
    @ResourceLock(value = CORES, mode = ResourceAccessMode.READ)
    void instances_added_and_removed_under_load_with_standbys_lose_nothing_and_duplicate_nothing(KafkaTestCluster kafka)
            throws Exception {
        ScenarioResult result = new ScaleScenario().run(context(kafka), "faults-scale");

        System.out.println(result);
        assertThat(result.holds()).as(result.toString()).isTrue();
        assertThat(result.report().events()).isPositive();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT) // with each other, never with another class
    @ResourceLock(value = CORES, mode = ResourceAccessMode.READ)
    void poison_input_is_dead_lettered_refused_or_answered_and_the_pipeline_goes_on(KafkaTestCluster kafka) throws Exception {
        ScenarioResult result = new PoisonScenario().run(context(kafka), "faults-poison");

        System.out.println(result);
        assertThat(result.holds()).as(result.toString()).isTrue();
        assertThat(result.report().undecodableCommands()).isEqualTo(4);
        assertThat(result.report().deadLetters()).isEqualTo(4);
        assertThat(result.facts()).containsEntry("racing accepted", 1L).containsEntry("racing conflicts", 7L)
                .containsEntry("sent twice, same outcome", true)
                .containsEntry("largest command", "REJECTED TOO_LARGE at version 1")
                .containsEntry("one byte larger", "refused by the producer: RecordTooLargeException");
        assertThat(result.facts().get("after all that").toString()).startsWith("ACCEPTED");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT) // with each other, never with another class
    @ResourceLock(value = CORES, mode = ResourceAccessMode.READ)
    void a_broker_restarted_under_load_loses_nothing_and_duplicates_nothing() throws Exception {
        try (BrokerProcess broker = new BrokerProcess(work.resolve("broker"))) {
            broker.start();
            ScenarioResult result = new BrokerRestartScenario(false)
                    .run(FaultContext.ci(broker.bootstrapServers(), Optional.of(broker), work), "faults-broker");

            System.out.println(result);
        assertThat(result.holds()).as(result.toString()).isTrue();
            assertThat(result.facts()).containsEntry("service JVM survived", true);
        }
    }

    private FaultContext context(KafkaTestCluster kafka) {
        return FaultContext.ci(kafka.bootstrapServers(), Optional.empty(), work);
    }
}
