package io.eventline.service.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.junit.jupiter.api.Test;

class FenceAfterAbortClientSupplierTest {

    private final MockProducer<byte[], byte[]> kafka = new MockProducer<>(true, new RoundRobinPartitioner(),
            new ByteArraySerializer(), new ByteArraySerializer());
    private final AtomicLong aborts = new AtomicLong();
    private final Producer<byte[], byte[]> producer =
            new FenceAfterAbortClientSupplier.FenceAfterAbort(kafka, "app-1-thread-1", aborts);

    @Test
    void commits_go_on_as_long_as_nothing_was_aborted() {
        producer.initTransactions();
        for (int i = 0; i < 3; i++) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("events", new byte[] {(byte) i}));
            producer.flush();
            producer.commitTransaction();
        }

        assertThat(kafka.history()).hasSize(3);
        assertThat(kafka.transactionCommitted()).isTrue();
        assertThat(aborts).hasValue(0);
    }

    @Test
    void after_an_abort_the_next_transaction_is_refused_as_fenced_so_that_kafka_streams_restores_the_thread_s_tasks() {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("events", new byte[] {1}));

        producer.abortTransaction();

        assertThat(kafka.transactionAborted()).isTrue();
        assertThat(aborts).hasValue(1);
        // Kafka Streams turns a fenced producer into TaskMigratedException: every active task of the
        // thread is closed dirty (its state wiped) and a new producer is taken.
        assertThatThrownBy(producer::beginTransaction).isInstanceOf(ProducerFencedException.class)
                .hasMessageContaining("app-1-thread-1");
        assertThatThrownBy(producer::beginTransaction).as("for good, not once").isInstanceOf(ProducerFencedException.class);
    }

    @Test
    void after_an_abort_a_flush_is_refused_as_a_migrated_task_so_that_no_task_is_checkpointed_without_a_commit() {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("events", new byte[] {1}));
        producer.abortTransaction();

        // Kafka Streams flushes a task before checkpointing it, also when it has no offsets to commit
        // (a punctuation's writes only): the flush must fail the way Kafka Streams handles by closing
        // the thread's tasks dirty. A plain fenced exception there would end the stream thread.
        assertThatThrownBy(producer::flush).isInstanceOf(TaskMigratedException.class)
                .hasCauseInstanceOf(ProducerFencedException.class)
                .hasRootCauseMessage("app-1-thread-1: a transaction of this producer was aborted while the stream thread's"
                        + " other tasks may have had work in it; refusing to go on with their local state");
    }

    @Test
    void an_abort_that_failed_still_refuses_the_next_transaction_and_any_send_or_commit_in_the_old_one() {
        producer.initTransactions();
        producer.beginTransaction();
        kafka.abortTransactionException = new TimeoutException("coordinator away");

        assertThatThrownBy(producer::abortTransaction).isInstanceOf(TimeoutException.class);

        assertThat(aborts).hasValue(1);
        assertThatThrownBy(producer::beginTransaction).isInstanceOf(ProducerFencedException.class);
        // Kafka Streams, whose abort failed, may believe the old transaction open and send or commit in it.
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>("events", new byte[] {2})))
                .isInstanceOf(KafkaException.class).hasCauseInstanceOf(ProducerFencedException.class);
        assertThatThrownBy(() -> producer.sendOffsetsToTransaction(Map.of(new TopicPartition("commands", 0),
                new OffsetAndMetadata(7)), new ConsumerGroupMetadata("app"))).isInstanceOf(ProducerFencedException.class);
        assertThatThrownBy(producer::commitTransaction).isInstanceOf(ProducerFencedException.class);
        assertThat(kafka.history()).as("nothing reached the producer after the abort").isEmpty();
        assertThat(kafka.transactionCommitted()).isFalse();
    }

    @Test
    void only_transactional_producers_are_guarded() {
        FenceAfterAbortClientSupplier supplier = new FenceAfterAbortClientSupplier();
        Map<String, Object> plain = Map.of("bootstrap.servers", "localhost:1");
        Map<String, Object> transactional = Map.of("bootstrap.servers", "localhost:1", "transactional.id", "app-1-thread-1");

        try (Producer<byte[], byte[]> p = supplier.getProducer(plain); Producer<byte[], byte[]> t = supplier.getProducer(transactional)) {
            assertThat(p).isNotInstanceOf(FenceAfterAbortClientSupplier.FenceAfterAbort.class);
            assertThat(t).isInstanceOf(FenceAfterAbortClientSupplier.FenceAfterAbort.class);
        }
    }
}
