package io.eventline.contracts;

import io.eventline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An aggregate type's dead-letter topic, for operators: list what is in it, and replay one dead
 * letter, after a fix, to the command topic it came from. The replayed record is the original (key,
 * value, headers) without the {@code dlq.*} headers, plus who replayed it, when, and from where
 * ({@link DeadLetters#REPLAYED_FROM}): the command service then processes a command whose first
 * attempt failed (PROCESSING_FAILED) again, and answers any other one as before.
 */
public final class DeadLetterTopic {

    private static final Duration POLL = Duration.ofMillis(500);

    /** One dead letter as it is on the topic; {@code value} is null when it was omitted (too large). */
    public record DeadLetter(String topic, int partition, long offset, Instant writtenAt, String key,
                             Map<String, String> why, byte[] value, Headers headers) {
        public String place() {
            return topic + "/" + partition + "@" + offset;
        }

        public String reason() {
            return why.getOrDefault(DeadLetters.REASON, "?");
        }
    }

    /** Where a replayed dead letter was written. */
    public record Replayed(DeadLetter from, String topic, int partition, long offset, String by, Instant at) {}

    private final Map<String, Object> clientConfig;
    private final Topics topics;
    private final Clock clock;

    public DeadLetterTopic(Map<String, Object> clientConfig, Topics topics, Clock clock) {
        this.clientConfig = clientConfig;
        this.topics = topics;
        this.clock = clock;
    }

    /** Every committed dead letter of {@code aggregate}, partition by partition, oldest first. */
    public List<DeadLetter> list(String aggregate, Duration timeout) {
        String topic = topics.deadLetters(aggregate);
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(POLL).forEach(r -> letters.add(deadLetter(r)));
            }
        }
        letters.sort(java.util.Comparator.comparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset));
        return letters;
    }

    /** No committed dead letter at the place asked for. */
    public static final class NoDeadLetter extends IllegalArgumentException {
        NoDeadLetter(String message) {
            super(message);
        }
    }

    /** A dead letter that is there but cannot be sent again as it is. */
    public static final class NotReplayable extends IllegalArgumentException {
        NotReplayable(String message) {
            super(message);
        }
    }

    /**
     * Re-publishes the dead letter at {@code partition@offset} of {@code aggregate}'s dead-letter topic
     * to the command topic and partition it was read from.
     *
     * @throws NoDeadLetter when there is no committed dead letter there
     * @throws NotReplayable when its value was omitted, or it came from another topic
     */
    public Replayed replay(String aggregate, int partition, long offset, String by, Duration timeout) {
        DeadLetter letter = find(aggregate, partition, offset, timeout);
        if (letter.why().containsKey(DeadLetters.VALUE_OMITTED)) {
            throw new NotReplayable(letter.place() + " holds no value (it was " + letter.why().get(DeadLetters.VALUE_OMITTED)
                    + " bytes, too large beside its headers): replay it from " + letter.why().get(DeadLetters.SOURCE_TOPIC)
                    + " itself, or send the command again");
        }
        String target = letter.why().getOrDefault(DeadLetters.SOURCE_TOPIC, topics.commands(aggregate));
        if (!target.equals(topics.commands(aggregate))) {
            throw new NotReplayable(letter.place() + " came from " + target + ", not from " + topics.commands(aggregate));
        }
        Integer targetPartition = letter.why().containsKey(DeadLetters.SOURCE_PARTITION)
                ? Integer.valueOf(letter.why().get(DeadLetters.SOURCE_PARTITION)) : null;
        Instant now = clock.instant();
        Headers headers = new RecordHeaders();
        for (Header header : letter.headers()) {
            if (!header.key().startsWith("dlq.")) {
                headers.add(header);
            }
        }
        headers.add(DeadLetters.REPLAYED_FROM, utf8(letter.place()));
        headers.add(DeadLetters.REPLAYED_BY, utf8(by));
        headers.add(DeadLetters.REPLAYED_AT, utf8(now.toString()));
        byte[] key = letter.key() == null ? null : utf8(letter.key());
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            RecordMetadata written = producer.send(new ProducerRecord<>(target, targetPartition, null, key,
                    letter.value(), headers)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Replayed(letter, written.topic(), written.partition(), written.offset(), by, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + letter.place(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not replay " + letter.place() + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private DeadLetter find(String aggregate, int partition, long offset, Duration timeout) {
        String topic = topics.deadLetters(aggregate);
        TopicPartition tp = new TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            if (partition < 0 || partition >= consumer.partitionsFor(topic, timeout).size()) {
                throw new NoDeadLetter(topic + " has no partition " + partition);
            }
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (r.offset() == offset) {
                        return deadLetter(r);
                    }
                    if (r.offset() > offset) {
                        break;
                    }
                }
                if (consumer.position(tp) > offset) {
                    break;
                }
            }
        }
        throw new NoDeadLetter("no committed dead letter at " + topic + "/" + partition + "@" + offset
                + " (list them with: eventline dlq list --type " + aggregate + ")");
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> why = new LinkedHashMap<>();
        for (Header header : r.headers()) {
            if (header.key().startsWith("dlq.") && header.value() != null) {
                why.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return new DeadLetter(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), why, r.value(), r.headers());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.putAll(clientConfig);
        // A dead letter is written in the transaction that took its command out of the stream.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "eventline-dlq-" + UUID.randomUUID());
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
