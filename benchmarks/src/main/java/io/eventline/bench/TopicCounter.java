package io.eventline.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Counts the committed records of a topic as they arrive, from its beginning, on a thread of its own. */
final class TopicCounter implements AutoCloseable {

    private final AtomicLong count = new AtomicLong();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    TopicCounter(Map<String, Object> clientConfig, String topic, boolean fromEnd, Consumer<ConsumerRecord<byte[], byte[]>> onRecord) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put("isolation.level", "read_committed");
        config.put("max.poll.records", 5000);
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromEnd) {
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        } else {
            consumer.seekToBeginning(partitions);
        }
        thread = Thread.ofPlatform().name("count-" + topic).daemon().start(() -> {
            try {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        onRecord.accept(record);
                        count.incrementAndGet();
                    }
                }
            } catch (WakeupException closing) {
                // closed
            } finally {
                consumer.close();
            }
        });
    }

    TopicCounter(Map<String, Object> clientConfig, String topic) {
        this(clientConfig, topic, false, r -> { });
    }

    long count() {
        return count.get();
    }

    /** Waits until at least {@code n} records were counted; false after the timeout. */
    boolean await(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() < n) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Waits until no record was counted for {@code quiet}; gives up after {@code timeout}. */
    void awaitQuiet(Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = count.get();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < quiet.toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            long now = count.get();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
    }

    /**
     * The steady rate: waits for {@code warmUp} records (the start: JIT, first schema registrations,
     * the first fetches), then measures from there to {@code total}. Runs {@code atSteadyStart} at the
     * moment measuring begins (to start a CPU account). Records per second, or throws after the timeout.
     */
    Steady steadyRate(long warmUp, long total, Duration timeout, Runnable atSteadyStart) throws InterruptedException {
        if (!await(warmUp, timeout)) {
            throw new IllegalStateException("only " + count() + " of " + warmUp + " warm-up records arrived in " + timeout);
        }
        long from = count();
        atSteadyStart.run();
        long start = System.nanoTime();
        if (!await(total, timeout)) {
            throw new IllegalStateException("only " + count() + " of " + total + " records arrived in " + timeout);
        }
        long measured = count() - from;
        return new Steady(measured, measured / ((System.nanoTime() - start) / 1e9));
    }

    /** What a steady measurement counted and its rate per second. */
    record Steady(long records, double perSecond) {}

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
