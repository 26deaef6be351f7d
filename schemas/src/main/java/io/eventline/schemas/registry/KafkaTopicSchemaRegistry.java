package io.eventline.schemas.registry;

import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.schemas.topics.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default registry: schemas live in a compacted single-partition Kafka topic and ids
 * follow log order ({@link SchemaLog}), so any number of processes agree with no server but Kafka.
 *
 * <p>Writers take turns through one fixed transactional.id: {@code initTransactions} fences every
 * other writer and waits for its commit or abort to finish; then the writer reads the topic to its
 * end (read_committed), reuses a registration already there, or checks compatibility and commits
 * one record. A fenced writer starts again from the top. A writer keeps its producer from one
 * registration to the next (creating one and initialising its transactions took a good part of a
 * registration's time): any other writer's {@code initTransactions} fences it, so a commit that
 * succeeds still proves that no one else wrote since the writer read. Lookups read from memory; an
 * unknown id re-reads the tail once, and a writer returns an id only once it can read its own record
 * back, so an id handed out in one process is found by every other.
 */
public final class KafkaTopicSchemaRegistry implements SchemaRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopicSchemaRegistry.class);

    private final KafkaTopicRegistrySettings settings;
    private final SchemaTopicReader reader;
    private final SchemaLog log = new SchemaLog();
    /** Kept between registrations while no other writer fences it; guarded by this. */
    private KafkaProducer<byte[], byte[]> writer;

    private KafkaTopicSchemaRegistry(KafkaTopicRegistrySettings settings) {
        this.settings = settings;
        this.reader = new SchemaTopicReader(settings, log);
    }

    /** Creates the topic if absent (compacted, one partition) and reads it; the caller closes the registry. */
    public static KafkaTopicSchemaRegistry open(KafkaTopicRegistrySettings settings) {
        try (Admin admin = Admin.create(settings.clientConfig())) {
            new TopicProvisioner(admin).provision(List.of(new TopicSpec(settings.topic(), 1, settings.replicationFactor(),
                    Map.of("cleanup.policy", "compact"))));
        }
        KafkaTopicSchemaRegistry registry = new KafkaTopicSchemaRegistry(settings);
        try {
            registry.reader.catchUp();
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    @Override
    public int register(String subject, Schema schema) {
        Integer known = log.idOf(subject, schema);
        return known != null ? known : registerThroughTransaction(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        Schema schema = log.schemaById(id);
        if (schema == null) {
            reader.catchUp(); // registered by another process since we last read
            schema = log.schemaById(id);
        }
        if (schema == null) {
            throw new UnknownSchemaException(id, "schema topic '" + settings.topic() + "'");
        }
        return schema;
    }

    @Override
    public List<RegisteredSchema> versions(String subject) {
        return log.versions(subject);
    }

    @Override
    public List<String> subjects() {
        return log.subjects();
    }

    @Override
    public void refresh() {
        reader.catchUp();
    }

    private synchronized int registerThroughTransaction(String subject, Schema schema) {
        reader.catchUp(); // registered meanwhile by another process: no need to fence anyone
        Integer meanwhile = log.idOf(subject, schema);
        if (meanwhile != null) {
            return meanwhile;
        }
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                KafkaProducer<byte[], byte[]> producer = writer();
                Integer existing = log.idOf(subject, schema);
                if (existing != null) {
                    return existing;
                }
                checkCompatibility(subject, schema);
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(settings.topic(), 0, SchemaLog.key(subject, schema),
                        log.nextValue(subject, schema)));
                producer.commitTransaction();
                return reader.awaitRegistration(subject, schema);
            } catch (ProducerFencedException | InvalidProducerEpochException | TransactionAbortableException fenced) {
                dropWriter();
                // Another process is registering now: let it finish, then start from the top.
                if (System.nanoTime() > deadline) {
                    throw new SchemaRegistryException("Could not register under '" + subject + "' in " + settings.timeout()
                            + ": other writers kept fencing this one (" + attempt + " attempts)", fenced);
                }
                LOG.debug("Schema registration fenced (attempt {}), retrying", attempt);
                backOff(attempt);
            } catch (SchemaRegistryException refusedOrUnreadable) {
                dropWriter();
                throw refusedOrUnreadable;
            } catch (AuthorizationException | AuthenticationException notAllowed) {
                dropWriter();
                throw new SchemaRegistryException("Could not register under '" + subject + "' in schema topic '"
                        + settings.topic() + "': " + notAllowed.getMessage(), notAllowed);
            } catch (KafkaException e) {
                dropWriter();
                // Seen under heavy fencing with transactions v2: EndTxn answered UNKNOWN_SERVER_ERROR. A
                // registration is safe to try again (the next attempt reads the topic first, and finds
                // this one if it did commit), so only the deadline ends it.
                if (System.nanoTime() > deadline) {
                    throw new SchemaRegistryException("Could not register under '" + subject + "' in schema topic '"
                            + settings.topic() + "' in " + settings.timeout() + ": " + e.getMessage(), e);
                }
                LOG.debug("Schema registration failed (attempt {}), retrying", attempt, e);
                backOff(attempt);
            } catch (RuntimeException e) {
                dropWriter();
                throw e;
            }
        }
    }

    /**
     * The producer this process writes with, its transactions initialised. A new one fences every
     * other writer, and the topic is read again to its end after that, so their last registrations
     * are known. A kept one needs no second read: the one at the start of the registration saw every
     * commit before it, and a writer that commits after it has fenced this one.
     */
    private KafkaProducer<byte[], byte[]> writer() {
        if (writer == null) {
            KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings.transactionalProducerConfig());
            try {
                producer.initTransactions(); // fences every other writer; their pending transaction ends first
            } catch (RuntimeException e) {
                producer.close(Duration.ZERO);
                throw e;
            }
            writer = producer;
            reader.catchUp();
        }
        return writer;
    }

    /** After any failure: the next attempt starts with a new producer, which fences whoever wrote meanwhile. */
    private void dropWriter() {
        if (writer != null) {
            writer.close(Duration.ZERO);
            writer = null;
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * Math.min(attempt, 10) + 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while registering a schema", e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            dropWriter();
        }
        reader.close();
    }
}
