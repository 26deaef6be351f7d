package io.eventline.schemas.registry;

import java.time.Duration;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the schema topic's committed records into the {@link SchemaLog}, from where it stopped to
 * the current end. One consumer for the registry's life, used under this object's lock.
 */
final class SchemaTopicReader implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaTopicRegistrySettings settings;
    private final SchemaLog log;
    private final TopicPartition partition;
    private final KafkaConsumer<byte[], byte[]> consumer;

    SchemaTopicReader(KafkaTopicRegistrySettings settings, SchemaLog log) {
        this.settings = settings;
        this.log = log;
        this.partition = new TopicPartition(settings.topic(), 0);
        this.consumer = new KafkaConsumer<>(settings.readCommittedConsumerConfig());
        consumer.assign(Set.of(partition));
        consumer.seekToBeginning(Set.of(partition));
    }

    /** Reads up to the end as it is now; under read_committed that is the last stable offset. */
    synchronized void catchUp() {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try {
            long end = consumer.endOffsets(Set.of(partition), settings.timeout()).get(partition);
            while (consumer.position(partition, settings.timeout()) < end) {
                if (System.nanoTime() > deadline) {
                    throw new SchemaRegistryException("Could not read schema topic '" + settings.topic() + "' to offset "
                            + end + " within " + settings.timeout());
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(partition)) {
                    SchemaLog.Registration registration = SchemaLog.parse(record.value());
                    if (registration != null) {
                        log.apply(registration);
                    }
                }
            }
            log.reachedEnd(end);
        } catch (KafkaException e) {
            throw new SchemaRegistryException("Could not read schema topic '" + settings.topic() + "': " + e.getMessage(), e);
        }
    }

    /**
     * After a commit, the topic's stable end passes our record only once the broker has written
     * the commit markers, a moment after commitTransaction returns. Waiting for it here means no
     * process can be handed an id that another process cannot find yet.
     */
    int awaitRegistration(String subject, Schema schema) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (true) {
            catchUp();
            Integer id = log.idOf(subject, schema);
            if (id != null) {
                return id;
            }
            if (System.nanoTime() > deadline) {
                throw new SchemaRegistryException("Committed a registration under '" + subject + "' but could not read it back from '"
                        + settings.topic() + "' within " + settings.timeout());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted while reading back a registration", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
