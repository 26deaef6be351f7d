package io.eventline.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The limit of this machine: a plain idempotent producer and a plain consumer, nothing else. */
final class RawPipeBench {

    private RawPipeBench() {}

    static List<BenchResult> run(BenchContext ctx, int records, int recordBytes) throws Exception {
        String topic = ctx.prefix("raw");
        ctx.createTopic(topic);
        byte[] value = new byte[recordBytes];
        new Random(1).nextBytes(value);
        Map<String, Object> config = new HashMap<>(ctx.clientConfig());
        config.put("acks", "all");
        config.put("enable.idempotence", true);
        config.put("linger.ms", 5);
        config.put("batch.size", 65536);
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 10_000), value), (m, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        double produceRate = records / seconds(start);
        Map<String, Object> consumerConfig = new HashMap<>(ctx.clientConfig());
        consumerConfig.put("max.poll.records", 5000);
        long consumed = 0;
        start = System.nanoTime();
        try (var consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (consumed < records) {
                consumed += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        double consumeRate = records / seconds(start);
        return List.of(
                BenchResult.of("limit", "raw producer (acks=all, idempotent)", produceRate, "records/s")
                        .with("records", records).with("recordBytes", recordBytes).with("failed", failed.get()),
                BenchResult.of("limit", "raw consumer", consumeRate, "records/s").with("records", records));
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
