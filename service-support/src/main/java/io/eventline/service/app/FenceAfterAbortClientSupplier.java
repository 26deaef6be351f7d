package io.eventline.service.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' clients, with one change: a transactional producer that aborted a transaction
 * (or tried to) refuses every later transaction, send, flush and commit, as if it had been
 * fenced. Kafka Streams then closes every active task of the stream thread dirty, which under
 * exactly-once wipes their local state, takes a new producer and rejoins the group; the tasks
 * restore from their changelogs and resume from their last committed offsets.
 *
 * <p>Why: under {@code exactly_once_v2} one transaction holds the work of every task of a stream
 * thread, but Kafka Streams (4.4.0) can abort it for one task's sake while the others go on. When a
 * task is found corrupted during a rebalance, {@code TaskManager.handleCorruption} skips the commit
 * of the healthy tasks ({@code rebalanceInProgress}) and closes the corrupted one dirty, and that
 * close aborts the thread's transaction ({@code RecordCollectorImpl.closeDirty}). The healthy tasks
 * keep their local state and their consumer positions; their next commit commits offsets past the
 * records whose output was just aborted. Seen under SIGKILLs: snapshots and dedup entries of
 * commands whose events and results were never written, so versions with gaps and commands never
 * answered (docs/faults.md). Refusing the next transaction means nothing processed before an abort
 * can be committed after it, and local state written since the last commit does not outlive it,
 * but for the one window named below.
 *
 * <p>An abort is rare (a corrupted task, a failed commit, a thread losing its tasks anyway), so the
 * price, a restore of the thread's tasks, is paid rarely too.
 *
 * <p>Flushes are refused too. A task that wrote only from a punctuation and consumed nothing since
 * it was assigned has no offsets to commit: Kafka Streams marks such a task dirty on no failed
 * commit, and a commit of nothing but such tasks asks this producer nothing. Revoked after an abort,
 * it would be checkpointed with the aborted writes in its store. Kafka Streams flushes every task
 * that needs a commit first, and the refused flush keeps that task needing one, so it is closed dirty.
 *
 * <p>The window left (Kafka Streams' to close): an abort inside a revocation's own commit, when that
 * commit times out and the tasks with offsets are closed dirty, after the flush. The tasks without
 * offsets are then post-committed without another call to this producer (docs/faults.md).
 */
public final class FenceAfterAbortClientSupplier implements KafkaClientSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(FenceAfterAbortClientSupplier.class);

    private final AtomicLong aborts = new AtomicLong();

    /** Transactions aborted by this application's producers: each one restarts a stream thread's tasks. */
    public long aborts() {
        return aborts.get();
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        Producer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        Object transactionalId = config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return transactionalId == null ? producer : new FenceAfterAbort(producer, transactionalId.toString(), aborts);
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    /** Every consumer is Kafka Streams' default one: only the producer changes. */
    private static Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A transactional producer that, once it aborted (or tried to), refuses every later transaction,
     * send, flush and commit. Begin and commit are refused with {@link ProducerFencedException}
     * itself and a send with it as the cause, which Kafka Streams translates into a migrated task;
     * a flush, which it does not translate, as {@link TaskMigratedException} directly.
     */
    static final class FenceAfterAbort implements Producer<byte[], byte[]> {
        private final Producer<byte[], byte[]> delegate;
        private final String transactionalId;
        private final AtomicLong aborts;
        private volatile boolean aborted;

        FenceAfterAbort(Producer<byte[], byte[]> delegate, String transactionalId, AtomicLong aborts) {
            this.delegate = delegate;
            this.transactionalId = transactionalId;
            this.aborts = aborts;
        }

        @Override
        public void abortTransaction() {
            try {
                delegate.abortTransaction();
            } finally {
                // Even an abort that failed leaves the transaction to the broker to abort.
                aborted = true;
                aborts.incrementAndGet();
                LOG.warn("{}: transaction aborted; this producer begins no other, so that every task of its stream"
                        + " thread is closed dirty and restored before anything else commits", transactionalId);
            }
        }

        @Override
        public void beginTransaction() {
            refuseAfterAbort();
            delegate.beginTransaction();
        }

        /**
         * An abort that failed can leave Kafka Streams believing its transaction still open, so that
         * it sends or commits without beginning another: those are refused too.
         */
        private void refuseAfterAbort() {
            if (aborted) {
                throw fenced();
            }
        }

        private ProducerFencedException fenced() {
            return new ProducerFencedException(transactionalId + ": a transaction of this producer was aborted while"
                    + " the stream thread's other tasks may have had work in it; refusing to go on with their local state");
        }

        @Override
        public void initTransactions() {
            delegate.initTransactions();
        }

        @Override
        public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
            refuseAfterAbort();
            delegate.sendOffsetsToTransaction(offsets, groupMetadata);
        }

        @Override
        public void commitTransaction() {
            refuseAfterAbort();
            delegate.commitTransaction();
        }

        @Override
        public void registerMetricForSubscription(KafkaMetric metric) {
            delegate.registerMetricForSubscription(metric);
        }

        @Override
        public void unregisterMetricFromSubscription(KafkaMetric metric) {
            delegate.unregisterMetricFromSubscription(metric);
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
            return send(record, null);
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (aborted) {
                // Kafka Streams reads a fenced send from the cause of the KafkaException it gets.
                throw new KafkaException("send refused", fenced());
            }
            return delegate.send(record, callback);
        }

        /**
         * Refused after an abort too. Kafka Streams flushes every task that needs a commit before it
         * commits it, and a revoked or cleanly closed task is checkpointed afterwards, even when no
         * transaction follows (a task with nothing but a punctuation's writes has no offsets). The
         * refusal leaves the task needing a commit, so it is neither post-committed nor closed clean,
         * and reaches the stream thread, which closes its tasks dirty. It is a
         * {@link TaskMigratedException} because Kafka Streams passes a flush's exception through as it
         * is, where it translates a fenced send or commit: a plain fenced exception would end the
         * stream thread instead.
         */
        @Override
        public void flush() {
            if (aborted) {
                throw new TaskMigratedException("flush refused", fenced());
            }
            delegate.flush();
        }

        @Override
        public List<PartitionInfo> partitionsFor(String topic) {
            return delegate.partitionsFor(topic);
        }

        @Override
        public Map<MetricName, ? extends Metric> metrics() {
            return delegate.metrics();
        }

        @Override
        public Uuid clientInstanceId(Duration timeout) {
            return delegate.clientInstanceId(timeout);
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public void close(Duration timeout) {
            delegate.close(timeout);
        }
    }
}
