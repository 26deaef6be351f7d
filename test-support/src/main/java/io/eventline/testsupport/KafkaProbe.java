package io.eventline.testsupport;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Tries what a principal might try on its own: one write, one read. Each answers the error the
 * broker gave, or empty when the broker allowed it, so a test can assert a refusal and its kind.
 */
public final class KafkaProbe {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private KafkaProbe() {}

    public static Optional<Throwable> write(Map<String, Object> clientConfig, String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) PATIENCE.toMillis());
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, "probe".getBytes(), "probe".getBytes())).get();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause());
        } catch (RuntimeException | InterruptedException e) {
            return Optional.of(e);
        }
    }

    /** Reads partition 0 from the beginning: by assign() without a group, or by subscribing with one. */
    public static Optional<Throwable> read(Map<String, Object> clientConfig, String topic, Optional<String> group) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        group.ifPresent(g -> config.put(ConsumerConfig.GROUP_ID_CONFIG, g));
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            if (group.isPresent()) {
                consumer.subscribe(List.of(topic));
            } else {
                consumer.assign(List.of(partition));
                consumer.position(partition, PATIENCE); // needs DESCRIBE only: the fetches below need READ
            }
            // A refused fetch or group join fails a poll within moments; an allowed one just returns.
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e);
        }
    }
}
