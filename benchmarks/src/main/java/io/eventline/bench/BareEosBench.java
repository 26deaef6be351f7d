package io.eventline.bench;

import io.eventline.service.app.TaskIdling;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The limit for any exactly-once Kafka Streams service here: read a record, look its key up in a
 * store, write the store and one output record, in exactly_once_v2 transactions. The command
 * service does this plus decoding, deciding and encoding, so its throughput is compared to this.
 */
final class BareEosBench {

    private BareEosBench() {}

    static BenchResult run(BenchContext ctx, int records, int recordBytes, Map<String, Object> streamsOverrides) throws Exception {
        String in = ctx.prefix("eos-in");
        String out = ctx.prefix("eos-out");
        ctx.createTopic(in);
        ctx.createTopic(out);
        produce(ctx, in, records, recordBytes);
        Topology topology = new Topology()
                .addSource("source", new StringDeserializer(), new ByteArrayDeserializer(), in)
                .addProcessor("lookup", LookupWrite::new, "source")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("state"), Serdes.String(), Serdes.ByteArray()), "lookup")
                .addSink("sink", out, new StringSerializer(), new ByteArraySerializer(), "lookup");
        Properties props = new Properties();
        props.putAll(ctx.clientConfig());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, ctx.prefix("bare-eos"));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATE_DIR_CONFIG, ctx.workDir().resolve("bare-eos").toString());
        // As the services run: a limit that paid for task idling the services no longer pay would flatter them.
        props.putAll(TaskIdling.defaultsFor(topology));
        props.putAll(streamsOverrides);
        try (TopicCounter counter = new TopicCounter(ctx.clientConfig(), out);
             KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(5);
            }
            CpuAccount[] cpu = new CpuAccount[1];
            TopicCounter.Steady steady = counter.steadyRate(records / 10, records, Duration.ofMinutes(5),
                    () -> cpu[0] = CpuAccount.start());
            double rate = steady.perSecond();
            BenchResult result = BenchResult.of("limit", "bare exactly-once read-lookup-write Streams app", rate, "records/s")
                    .with("records", records).with("measured", steady.records()).with("commitIntervalMs", 100).with("overrides", streamsOverrides.toString())
                    .with("partitions", ctx.partitions());
            return result.withAll(CpuAccount.perThousand(cpu[0].spentSince(), steady.records()))
                    .withAll(ThreadTime.of(streams));
        }
    }

    static void produce(BenchContext ctx, String topic, int records, int recordBytes) {
        byte[] value = new byte[recordBytes];
        new Random(2).nextBytes(value);
        Map<String, Object> config = new HashMap<>(ctx.clientConfig());
        config.put("linger.ms", 5);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 10_000), value));
            }
        }
    }

    private static final class LookupWrite implements Processor<String, byte[], String, byte[]> {
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore("state");
        }

        @Override
        public void process(Record<String, byte[]> record) {
            byte[] previous = store.get(record.key());
            store.put(record.key(), record.value());
            context.forward(record.withValue(previous == null ? record.value() : previous));
        }
    }
}
