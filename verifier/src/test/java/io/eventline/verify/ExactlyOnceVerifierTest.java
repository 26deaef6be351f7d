package io.eventline.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.StoredAggregate;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.inventory.InventoryState;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The verifier must be able to fail: each defect, written on purpose with a plain producer, is reported. */
@ExtendWith(KafkaExtension.class)
class ExactlyOnceVerifierTest {

    @Test
    void output_as_the_command_service_writes_it_holds_and_is_counted(KafkaTestCluster kafka) {
        try (HandWrittenOutput out = new HandWrittenOutput(kafka, "verify-clean")) {
            out.accepted("c1", "sku-1", 5);
            out.accepted("c2", "sku-1", 3);
            out.accepted("c3", "sku-2", 7);

            VerificationReport report = out.verifier().withSagaInvariants().check();

            assertThat(report.holds()).as(report.toString()).isTrue();
            assertThat(report.commands()).isEqualTo(3);
            assertThat(report.results()).isEqualTo(3);
            assertThat(report.events()).isEqualTo(3);
            assertThat(report.aggregates()).isEqualTo(2);
            assertThat(report.snapshots()).isEqualTo(2);
            assertThat(report.invariants()).hasValueSatisfying(i -> assertThat(i.eventsRead()).isEqualTo(3));
        }
    }

    @Test
    void reports_a_result_written_twice_for_one_command(KafkaTestCluster kafka) {
        try (HandWrittenOutput out = new HandWrittenOutput(kafka, "verify-dup-result")) {
            out.accepted("c1", "sku-1", 5);
            out.result("c1");

            assertThat(out.verifier().check().brokenRules()).containsExactly("no duplicate result");
        }
    }

    @Test
    void reports_a_command_that_never_got_a_result(KafkaTestCluster kafka) {
        try (HandWrittenOutput out = new HandWrittenOutput(kafka, "verify-lost")) {
            out.accepted("c1", "sku-1", 5);
            out.command("c2", "sku-1", 4);

            assertThat(out.verifier().check().brokenRules()).containsExactly("a result for every command");
        }
    }

    @Test
    void reports_a_gap_in_an_aggregate_s_versions(KafkaTestCluster kafka) {
        try (HandWrittenOutput out = new HandWrittenOutput(kafka, "verify-gap")) {
            out.accepted("c1", "sku-1", 5);
            out.skipVersion("sku-1");
            out.accepted("c3", "sku-1", 2);

            VerificationReport report = out.verifier().check();
            assertThat(report.brokenRules()).containsExactly("versions without gaps");
            assertThat(report.violations().getFirst().detail()).startsWith("version 3 after 1");
        }
    }

    @Test
    void reports_an_event_appended_twice(KafkaTestCluster kafka) {
        try (HandWrittenOutput out = new HandWrittenOutput(kafka, "verify-dup-event")) {
            out.accepted("c1", "sku-1", 5);
            out.event("c1", "sku-1", 1, new InventoryEvent.StockAdded("sku-1", 5));

            assertThat(out.verifier().check().brokenRules()).contains("no duplicate version", "no duplicate event");
        }
    }

    @Test
    void reports_a_stored_state_that_is_not_the_fold_of_its_events(KafkaTestCluster kafka) {
        try (HandWrittenOutput out = new HandWrittenOutput(kafka, "verify-snapshot")) {
            out.accepted("c1", "sku-1", 5);
            out.snapshot("sku-1", new StoredAggregate<>(1, HandWrittenOutput.T0, new InventoryState(6, Map.of(), List.of())));

            VerificationReport report = out.verifier().check();
            assertThat(report.brokenRules()).containsExactly("snapshot equals the fold of its events");
            assertThat(report.toString()).contains("exactly once BROKEN", "inventory sku-1");
        }
    }

    @Test
    void reports_an_undecodable_command_that_was_never_dead_lettered(KafkaTestCluster kafka) {
        try (HandWrittenOutput out = new HandWrittenOutput(kafka, "verify-undecodable")) {
            out.raw(out.topics.commands("inventory"), "sku-1", "not avro".getBytes(StandardCharsets.UTF_8));

            VerificationReport report = out.verifier().check();
            assertThat(report.undecodableCommands()).isEqualTo(1);
            assertThat(report.brokenRules()).containsExactly("undecodable commands are dead-lettered");
        }
    }

    @Test
    void reports_a_transaction_left_open(KafkaTestCluster kafka) {
        try (HandWrittenOutput out = new HandWrittenOutput(kafka, "verify-open");
             KafkaProducer<byte[], byte[]> transactional = transactional(kafka)) {
            out.accepted("c1", "sku-1", 5);
            transactional.initTransactions();
            transactional.beginTransaction();
            transactional.send(new ProducerRecord<>(out.topics.events("inventory"), 0, new byte[] {1}, new byte[] {1}));
            transactional.flush();

            VerificationReport report = out.verifier().check();
            assertThat(report.brokenRules()).containsExactly("no transaction left open");
            assertThat(report.openTransactions()).containsOnlyKeys("verify-open.inventory.events-0");
            transactional.abortTransaction();
            assertThat(out.verifier().check().holds()).as("aborted, nothing was ever visible").isTrue();
        }
    }

    @Test
    void fails_when_the_saga_invariants_fail_even_if_exactly_once_held(KafkaTestCluster kafka) {
        try (HandWrittenOutput out = new HandWrittenOutput(kafka, "verify-invariants")) {
            out.accepted("c1", "sku-1", 5);
            out.accepted("c2", "sku-1", new InventoryEvent.StockReserved("sku-1", "order-1", 9));

            VerificationReport report = out.verifier().withSagaInvariants().check();
            assertThat(report.violations()).isEmpty();
            assertThat(report.holds()).isFalse();
            assertThat(report.toString()).contains("stock never negative");
        }
    }

    private static KafkaProducer<byte[], byte[]> transactional(KafkaTestCluster kafka) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "verify-open-" + System.nanoTime());
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
