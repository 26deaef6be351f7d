package io.eventline.testsupport;

import io.eventline.kafka.embedded.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class KafkaExtensionTest {

    @Test
    void gives_every_test_the_same_running_cluster(KafkaTestCluster first, KafkaTestCluster second) {
        assertThat(first.bootstrapServers()).isEqualTo(second.bootstrapServers());
        assertThat(first.kind()).isIn("embedded", "testcontainers");
    }

    @Test
    void produces_and_consumes_through_the_real_broker(KafkaTestCluster kafka) throws Exception {
        createTopics(kafka, "smoke");
        try (var producer = new KafkaProducer<>(kafka.clientConfig(), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("smoke", "k" + i, "v" + i)).get();
            }
        }
        assertThat(read(kafka, "smoke", 10)).hasSize(10).contains("v0", "v9");
    }

    @Test
    void a_second_jvm_connects_to_the_broker_this_jvm_uses(KafkaTestCluster kafka) throws Exception {
        createTopics(kafka, "to-parent", "to-child");
        try (var producer = new KafkaProducer<>(kafka.clientConfig(), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("to-child", "k" + i, "from-parent-" + i)).get();
            }
        }
        try (ChildJvm child = ChildJvm.start(SecondJvmClient.class, kafka.bootstrapServers(), "to-parent", "to-child", "5")) {
            int exit = child.waitFor(Duration.ofSeconds(90));
            assertThat(exit).as(child.output()).isZero();
        }
        assertThat(read(kafka, "to-parent", 5)).containsExactlyInAnyOrder(
                "from-child-0", "from-child-1", "from-child-2", "from-child-3", "from-child-4");
    }

    private static void createTopics(KafkaTestCluster kafka, String... names) throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                topics.add(new NewTopic(name, 2, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    private static List<String> read(KafkaTestCluster kafka, String topic, int expected) {
        Map<String, Object> config = kafka.clientConfig();
        config.put("group.id", "reader-" + topic);
        config.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }
}
