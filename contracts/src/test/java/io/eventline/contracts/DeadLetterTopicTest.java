package io.eventline.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.schemas.topics.Topics;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator's view of a dead-letter topic, on a real broker: list, and replay to where it came from. */
@ExtendWith(KafkaExtension.class)
class DeadLetterTopicTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

    @Test
    void lists_the_dead_letters_and_replays_one_to_its_command_partition_without_dlq_headers_and_with_who_and_when(
            KafkaTestCluster kafka) throws Exception {
        Topics topics = Topics.defaults().withPrefix("dlq-replay");
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicProvisioner(admin).provision(topics.all());
        }
        String dlq = topics.deadLetters("order");
        Headers original = new RecordHeaders();
        original.add("eventline.schema", "x".getBytes(StandardCharsets.UTF_8));
        Headers why = DeadLetters.headers(original, DeadLetters.HANDLER_FAILED, new IllegalStateException("a bug"),
                topics.commands("order"), 2, 41, NOW.toEpochMilli());
        Headers omitted = DeadLetters.headers(new RecordHeaders(), DeadLetters.TOO_LARGE, new IllegalStateException("huge"),
                topics.commands("order"), 4, 7, NOW.toEpochMilli());
        DeadLetters.omitted(omitted, new byte[2_000_000]);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(dlq, 0, utf8("o-9"), utf8("the command's bytes"), why)).get();
            producer.send(new ProducerRecord<>(dlq, 0, utf8("o-10"), null, omitted)).get();
        }
        DeadLetterTopic topic = new DeadLetterTopic(kafka.clientConfig(), topics, Clock.fixed(NOW, ZoneOffset.UTC));

        List<DeadLetterTopic.DeadLetter> letters = topic.list("order", TIMEOUT);
        assertThat(letters).extracting(DeadLetterTopic.DeadLetter::reason)
                .containsExactly(DeadLetters.HANDLER_FAILED, DeadLetters.TOO_LARGE);
        assertThat(letters.getFirst().place()).isEqualTo(dlq + "/0@0");
        assertThat(letters.getFirst().why()).containsEntry(DeadLetters.ERROR_MESSAGE, "a bug");

        DeadLetterTopic.Replayed replayed = topic.replay("order", 0, 0, "alice", TIMEOUT);

        assertThat(replayed.topic()).isEqualTo(topics.commands("order"));
        assertThat(replayed.partition()).as("the partition it was read from").isEqualTo(2);
        ConsumerRecord<byte[], byte[]> command = readOne(kafka, new TopicPartition(topics.commands("order"), 2));
        assertThat(new String(command.key(), StandardCharsets.UTF_8)).isEqualTo("o-9");
        assertThat(new String(command.value(), StandardCharsets.UTF_8)).isEqualTo("the command's bytes");
        assertThat(command.headers()).extracting(Header::key).noneMatch(k -> k.startsWith("dlq."))
                .contains("eventline.schema", DeadLetters.REPLAYED_FROM, DeadLetters.REPLAYED_BY, DeadLetters.REPLAYED_AT);
        assertThat(header(command, DeadLetters.REPLAYED_FROM)).isEqualTo(dlq + "/0@0");
        assertThat(header(command, DeadLetters.REPLAYED_BY)).isEqualTo("alice");
        assertThat(header(command, DeadLetters.REPLAYED_AT)).isEqualTo(NOW.toString());

        assertThatThrownBy(() -> topic.replay("order", 0, 1, "alice", TIMEOUT))
                .isInstanceOf(DeadLetterTopic.NotReplayable.class).hasMessageContaining("holds no value");
        assertThatThrownBy(() -> topic.replay("order", 0, 99, "alice", TIMEOUT))
                .isInstanceOf(DeadLetterTopic.NoDeadLetter.class).hasMessageContaining("no committed dead letter at " + dlq + "/0@99");
        assertThatThrownBy(() -> topic.replay("order", 7, 0, "alice", TIMEOUT))
                .isInstanceOf(DeadLetterTopic.NoDeadLetter.class).hasMessageContaining("has no partition 7");
    }

    private static ConsumerRecord<byte[], byte[]> readOne(KafkaTestCluster kafka, TopicPartition partition) {
        Properties props = new Properties();
        props.putAll(kafka.clientConfig());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    return r;
                }
            }
        }
        throw new AssertionError("nothing on " + partition);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
