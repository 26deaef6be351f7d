package io.eventline.launcher.faults;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.AggregatePartitioner;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderCommand.CancelOrder;
import io.eventline.domain.order.OrderCommand.PlaceOrder;
import io.eventline.domain.order.OrderLine;
import io.eventline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Orders placed and cancelled by a producer we did not write: a plain idempotent KafkaProducer
 * with commands encoded as any Avro client would encode them. A third of the records go where
 * Java's partitioner puts them, a third where librdkafka's (CRC32) does, a third on a partition
 * named explicitly and wrong; one record in thirty is sent twice, one in a hundred claims an
 * {@code issuedAt} two hours ahead, one in two hundred one in 1969. At a fixed rate, on a thread
 * of its own.
 */
public final class ForeignProducerWorkload implements AutoCloseable {

    private static final List<OrderLine> LINES = List.of(new OrderLine("SKU-1", 1, 1_000));
    /** How far behind the placement its cancellation is sent, in orders. */
    private static final int CANCEL_LAG = 50;

    private final String run;
    private final Topics topics;
    private final AggregateType<OrderCommand, ?, ?> orders;
    private final KafkaProducer<String, byte[]> producer;
    private final SplittableRandom random;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong elsewhere = new AtomicLong();
    private final AtomicLong outOfRange = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public ForeignProducerWorkload(String run, Map<String, Object> clientConfig, Topics topics,
                                   AggregateType<OrderCommand, ?, ?> orders, long seed) {
        this.run = run;
        this.topics = topics;
        this.orders = orders;
        this.random = new SplittableRandom(seed);
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, run + "-foreign-producer");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes {@code perSecond} commands a second until {@link #stop()}, paced from their due times. */
    public void start(int perSecond) {
        running = true;
        thread = Thread.ofPlatform().name(run + "-foreign-workload").start(() -> {
            long interval = 1_000_000_000L / perSecond;
            long due = System.nanoTime();
            for (int order = 0; running; order++) {
                send(order, new PlaceOrder(orderId(order), "customer-" + (order % 97), LINES, "EUR"));
                due = pace(due, interval);
                if (order >= CANCEL_LAG) {
                    int cancelled = order - CANCEL_LAG;
                    send(cancelled, new CancelOrder(orderId(cancelled), "changed my mind"));
                    due = pace(due, interval);
                }
            }
        });
    }

    /** Stops publishing, waits until every record is acknowledged; returns how many were published. */
    public long stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join();
        }
        producer.flush();
        return published.get();
    }

    public String progress() {
        return published.get() + " sent";
    }

    /** Sent twice / put on another partition than the aggregate's / claiming a time out of range. */
    public Map<String, Long> counts() {
        return Map.of("sent twice", resent.get(), "on another partition", elsewhere.get(), "issuedAt out of range",
                outOfRange.get());
    }

    private String orderId(int order) {
        return run + "-o-" + order;
    }

    private void send(int order, OrderCommand command) {
        String id = orderId(order);
        Instant issuedAt = Instant.now();
        int dice = random.nextInt(200);
        if (dice == 0) {
            issuedAt = Instant.parse("1969-07-20T20:17:40Z");
            outOfRange.incrementAndGet();
        } else if (dice < 3) {
            issuedAt = issuedAt.plus(Duration.ofHours(2));
            outOfRange.incrementAndGet();
        }
        String commandId = id + "-" + command.getClass().getSimpleName();
        CommandMetadata meta = new CommandMetadata(commandId, id, OptionalLong.empty(), issuedAt, "corr-" + id,
                Optional.empty(), "foreign-producer");
        String topic = topics.commands("order");
        byte[] value = orders.codec().encodeCommand(topic, new RecordHeaders(), new CommandEnvelope<>(meta, command));
        Integer partition = partition(id);
        int copies = random.nextInt(30) == 0 ? 2 : 1;
        for (int copy = 0; copy < copies; copy++) {
            producer.send(new ProducerRecord<>(topic, partition, id, value));
            published.incrementAndGet();
        }
        if (copies == 2) {
            resent.incrementAndGet();
        }
    }

    /** Null for Java's partitioner; else librdkafka's choice, or a wrong partition named outright. */
    private Integer partition(String id) {
        int owner = AggregatePartitioner.partitionOf(id, topics.partitions());
        Integer chosen = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> librdkafkaPartition(id, topics.partitions());
            default -> (owner + 1 + random.nextInt(topics.partitions() - 1)) % topics.partitions();
        };
        if (chosen != null && chosen != owner) {
            elsewhere.incrementAndGet();
        }
        return chosen;
    }

    /** librdkafka's default for keyed records (consistent_random): CRC32 of the key. */
    static int librdkafkaPartition(String key, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }

    private static long pace(long due, long interval) {
        long next = due + interval;
        long wait = next - System.nanoTime();
        if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        return next;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
