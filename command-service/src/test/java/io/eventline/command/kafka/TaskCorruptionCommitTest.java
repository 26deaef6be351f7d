package io.eventline.command.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eventline.contracts.CommittedRecords;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A minimal reproduction, against plain Kafka Streams and nothing of ours, of the mechanism that
 * can answer one command record twice (docs/faults.md): under exactly_once_v2, when a task is found
 * corrupted while it has written in the thread's transaction, {@code TaskManager.handleCorruption}
 * commits the other tasks first, and with them that transaction, the corrupted task's writes
 * included but not its offsets; restored, the task processes those records again, and their output
 * is in the committed log twice. The corruption is raised here directly, as Streams' own code raises
 * it; what raised it in the run that was reported is not identified. This test asserts the defect as
 * Kafka 4.3.1 and 4.4.0 have it: the day Kafka fixes it, it fails, and the command service's guard (a dedup
 * entry naming the record's own place) can be revisited.
 */
@ExtendWith(KafkaExtension.class)
class TaskCorruptionCommitTest {

    @TempDir
    Path stateDir;

    @Test
    void a_task_corrupted_mid_transaction_has_its_earlier_output_committed_without_its_offsets(KafkaTestCluster kafka)
            throws Exception {
        String in = "corruption-in";
        String out = "corruption-out";
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(in, 2, (short) 1), new NewTopic(out, 2, (short) 1))).all().get();
        }
        AtomicBoolean thrown = new AtomicBoolean();
        AtomicBoolean boomProcessed = new AtomicBoolean();
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), in);
        topology.addProcessor("remember-and-forward", () -> new RememberAndForward(thrown, boomProcessed), "in");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("seen"), Serdes.String(),
                Serdes.String()), "remember-and-forward");
        topology.addSink("out", out, Serdes.String().serializer(), Serdes.String().serializer(), "remember-and-forward");

        Properties props = new Properties();
        props.putAll(kafka.clientConfig());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "corruption-repro");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1); // both tasks share the thread's transaction
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 60_000); // no commit of its own during the test
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 120_000);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Map<String, Object> producerConfig = new HashMap<>(kafka.clientConfig());
            producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 50);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(in, 0, "other", "x")); // a second task in the same thread
                producer.send(new ProducerRecord<>(in, 1, "k", "a"));
                producer.send(new ProducerRecord<>(in, 1, "k", "boom")); // same task, same transaction as "a"
                producer.flush();
            }
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!thrown.get() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(thrown).as("the task was found corrupted").isTrue();
            // the corrupted task is wiped, restored and revived, then processes its records again: on a
            // loaded machine that takes seconds, so wait for it rather than for a fixed time
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!boomProcessed.get() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // On a loaded machine Streams sometimes takes longer than this to revive the task: then the
            // reproduction shows nothing either way, and says so as a skipped test rather than a failure.
            assumeTrue(boomProcessed.get(), "the corrupted task was not revived within 60 s: nothing reproduced this time");
        } // a clean close commits what is processed

        List<String> committed = CommittedRecords.readToEnd(kafka.clientConfig(), out, Duration.ofSeconds(30)).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).sorted().toList();
        assertThat(committed).as("\"a\" was committed by the corruption handling, then processed again")
                .containsExactly("a", "a", "boom", "x");
    }

    /** Stores and forwards each record; at "boom", once, its task is found corrupted. */
    private static final class RememberAndForward implements Processor<String, String, String, String> {
        private final AtomicBoolean thrown;
        private final AtomicBoolean boomProcessed;
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, String> seen;

        RememberAndForward(AtomicBoolean thrown, AtomicBoolean boomProcessed) {
            this.thrown = thrown;
            this.boomProcessed = boomProcessed;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.seen = context.getStateStore("seen");
        }

        @Override
        public void process(Record<String, String> record) {
            if (record.value().equals("boom") && thrown.compareAndSet(false, true)) {
                throw new TaskCorruptedException(java.util.Set.of(context.taskId()));
            }
            seen.put(record.key(), record.value());
            context.forward(record);
            if (record.value().equals("boom")) {
                boomProcessed.set(true);
            }
        }
    }
}
