package io.eventline.testsupport;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Run in a child JVM: writes to one topic, then reads another that the parent JVM wrote. */
public final class SecondJvmClient {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String writeTopic = args[1];
        String readTopic = args[2];
        int count = Integer.parseInt(args[3]);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(writeTopic, "key-" + i, "from-child-" + i));
            }
            producer.flush();
        }
        int seen = 0;
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
                "group.id", "second-jvm", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(readTopic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen < count && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        System.out.println("child read " + seen + " records");
        System.exit(seen == count ? 0 : 1);
    }
}
