package io.eventline.command.app;

import io.eventline.contracts.CommittedRecords;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.EventEnvelope;
import io.eventline.client.EventlineClient;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.contracts.AggregatePartitioner;
import io.eventline.contracts.DeadLetters;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderCommand.PlaceOrder;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.order.OrderState;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.config.ServiceSettings;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command topics as a public API, tried with a producer we did not write: a plain
 * KafkaProducer with librdkafka's partitioner (what Python, Go, .NET and kcat use), explicit
 * partitions, and values at the edges. Nothing may split an aggregate or stop a partition.
 */
@ExtendWith(KafkaExtension.class)
class ForeignProducerTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private static final List<OrderLine> LINES = List.of(new OrderLine("SKU-1", 1, 100));
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @TempDir
    Path stateDir;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    @Test
    void commands_on_a_wrong_partition_reach_their_aggregate_and_no_aggregate_is_split(KafkaTestCluster kafka) throws Exception {
        Pipeline p = new Pipeline(kafka, "foreign");
        List<String> orders = IntStream.range(0, 12).mapToObj(i -> "o-" + i).toList();
        List<String> elsewhere = orders.stream().filter(id -> librdkafkaPartition(id) != AggregatePartitioner.partitionOf(id, 6))
                .toList();
        assertThat(elsewhere).as("librdkafka's partitioner puts some of them elsewhere").isNotEmpty();

        // Foreign producer first: half through librdkafka's partitioner, half on an explicit wrong partition.
        try (KafkaProducer<String, byte[]> foreign = p.foreignProducer()) {
            for (int i = 0; i < orders.size(); i++) {
                String id = orders.get(i);
                Integer partition = i % 2 == 0 ? null : (AggregatePartitioner.partitionOf(id, 6) + 1) % 6;
                foreign.send(new ProducerRecord<>(p.topics.commands("order"), partition, id,
                        p.encode("foreign-" + id, id, Instant.now(), new PlaceOrder(id, "alice", LINES, "EUR")))).get();
            }
        }
        // Each foreign command is answered first (a moved one only once its move has committed), so
        // that the gateway's command for the same order, sent next, must meet the state it made.
        long answeredBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!orders.stream().allMatch(id -> p.resultCodes().containsKey("foreign-" + id)) && System.nanoTime() < answeredBy) {
            Thread.sleep(200);
        }
        // The gateway second, for the same orders: each must meet the state the foreign command made.
        List<CommandOutcome> second = new ArrayList<>();
        for (String id : orders) {
            second.add(p.gateway.send(p.orders, new CommandEnvelope<>(p.meta("gateway-" + id, id, Instant.now()),
                    new PlaceOrder(id, "bob", LINES, "EUR")), Duration.ofSeconds(60)).get());
        }

        assertThat(second).allSatisfy(o -> assertThat(o.rejection().orElseThrow().code()).isEqualTo("ORDER_ALREADY_PLACED"));
        Map<String, List<Long>> versions = p.versionsByOrder();
        assertThat(versions.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        assertThat(versions.values()).as("exactly one version 1 per order").allSatisfy(v -> assertThat(v).containsExactly(1L));
        Map<String, List<String>> results = p.resultCodes();
        orders.forEach(id -> assertThat(results.get("foreign-" + id)).containsExactly("ACCEPTED"));
        for (String id : elsewhere) {
            HttpResponse<String> state = p.get("/aggregates/order/" + id);
            assertThat(state.statusCode()).isEqualTo(200);
            assertThat(state.body()).contains("\"version\":1", "alice");
        }
    }

    @Test
    void records_at_the_edges_are_answered_or_dead_lettered_and_the_partition_goes_on(KafkaTestCluster kafka) throws Exception {
        Pipeline p = new Pipeline(kafka, "edges");
        String topic = p.topics.commands("order");
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> foreign = p.foreignProducer()) {
            foreign.send(new ProducerRecord<>(topic, "o-ahead", p.encode("ahead", "o-ahead", now.plus(Duration.ofHours(2)),
                    new PlaceOrder("o-ahead", "alice", LINES, "EUR")))).get();
            foreign.send(new ProducerRecord<>(topic, "o-1969", p.encode("before-1970", "o-1969", Instant.parse("1969-07-20T20:17:00Z"),
                    new PlaceOrder("o-1969", "alice", LINES, "EUR")))).get();
            foreign.send(new ProducerRecord<>(topic, 0, now.toEpochMilli(), null,
                    p.encode("no-key", "o-nokey", now, new PlaceOrder("o-nokey", "alice", LINES, "EUR")))).get();
            foreign.send(new ProducerRecord<>(topic, "o-garbage", "not avro".getBytes(StandardCharsets.UTF_8))).get();
            foreign.send(new ProducerRecord<>(topic, "o-after", p.encode("after", "o-after", now,
                    new PlaceOrder("o-after", "alice", LINES, "EUR")))).get();
        }

        // Each on its own partition, and the keyless one moved first: wait for every answer.
        Map<String, List<String>> codes = p.awaitResults(r -> r.keySet().containsAll(List.of("ahead", "before-1970", "no-key",
                "after")));
        assertThat(codes.get("ahead")).containsExactly("ISSUED_AT_OUT_OF_RANGE");
        assertThat(codes.get("before-1970")).containsExactly("ISSUED_AT_OUT_OF_RANGE");
        assertThat(codes.get("no-key")).containsExactly("AGGREGATE_ID_MISMATCH");
        assertThat(codes.get("after")).containsExactly("ACCEPTED");
        assertThat(p.deadLetterReasons()).containsExactly(DeadLetters.UNDECODABLE);
        assertThat(p.versionsByOrder()).containsOnlyKeys("o-after");
        assertThat(p.get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void a_command_whose_event_the_broker_refuses_is_dead_lettered_after_bounded_attempts_and_health_says_so(
            KafkaTestCluster kafka) throws Exception {
        Pipeline p = new Pipeline(kafka, "refused");
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            // An operator lowered the events topic's limit: the broker now refuses what the producer allows.
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, p.topics.events("order")),
                    List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "2000"), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
        List<OrderLine> many = IntStream.range(0, 60).mapToObj(i -> new OrderLine("SKU-" + "x".repeat(40) + i, 1, 100)).toList();
        CommandOutcome refused = p.gateway.send(p.orders, new CommandEnvelope<>(p.meta("too-big", "o-big", Instant.now()),
                new PlaceOrder("o-big", "alice", many, "EUR")), Duration.ofSeconds(90)).get();
        HttpResponse<String> ready = p.get("/health/ready");
        CommandOutcome after = p.gateway.send(p.orders, new CommandEnvelope<>(p.meta("small", "o-small", Instant.now()),
                new PlaceOrder("o-small", "alice", LINES, "EUR")), Duration.ofSeconds(60)).get();

        assertThat(refused.rejection().orElseThrow().code()).isEqualTo("PROCESSING_FAILED");
        assertThat(ready.statusCode()).as("a record failing again and again is not healthy").isEqualTo(503);
        assertThat(ready.body()).contains(p.topics.commands("order"), "RecordTooLargeException");
        assertThat(after.accepted()).isTrue();
        assertThat(p.deadLetterReasons()).containsExactly(DeadLetters.REPEATED_FAILURE);
        assertThat(p.versionsByOrder()).containsOnlyKeys("o-small");
    }

    /** librdkafka's default for keyed records (consistent_random): CRC32 of the key. */
    static int librdkafkaPartition(String key, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }

    private static int librdkafkaPartition(String key) {
        return librdkafkaPartition(key, 6);
    }

    /** A producer-side partitioner as librdkafka-based clients have it. */
    public static final class LibrdkafkaPartitioner implements Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
            return librdkafkaPartition(new String(keyBytes, StandardCharsets.UTF_8), cluster.partitionCountForTopic(topic));
        }

        @Override
        public void close() {}

        @Override
        public void configure(Map<String, ?> configs) {}
    }

    /** One command service on its own topics, in this JVM. */
    private final class Pipeline {
        final KafkaTestCluster kafka;
        final String prefix;
        final Topics topics;
        final SchemaRegistry registry;
        final AvroOutcomeCodec outcomes;
        final AggregateType<OrderCommand, OrderState, OrderEvent> orders;
        final CommandService service;
        final EventlineClient gateway;

        Pipeline(KafkaTestCluster kafka, String prefix) throws Exception {
            this.kafka = kafka;
            this.prefix = prefix;
            ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of(
                    "EVENTLINE_TOPIC_PREFIX", prefix,
                    "EVENTLINE_STANDBY_REPLICAS", "0",
                    "EVENTLINE_HTTP_HOST", "127.0.0.1",
                    "EVENTLINE_STATE_DIR", stateDir.resolve(prefix).toString()), "it-" + prefix, 0)
                    .withBootstrapServers(kafka.bootstrapServers());
            this.topics = settings.topics();
            this.registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
            cleanup.add(registry);
            this.outcomes = new AvroOutcomeCodec(registry);
            this.orders = Aggregates.order(registry);
            this.service = CommandService.start(settings, registry);
            cleanup.add(service);
            assertThat(service.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();
            this.gateway = service.gateway();
        }

        KafkaProducer<String, byte[]> foreignProducer() {
            Map<String, Object> config = new HashMap<>(kafka.clientConfig());
            config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, LibrdkafkaPartitioner.class.getName());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }

        CommandMetadata meta(String commandId, String orderId, Instant issuedAt) {
            return new CommandMetadata(commandId, orderId, OptionalLong.empty(), issuedAt, "corr-" + commandId, Optional.empty(),
                    "foreign");
        }

        byte[] encode(String commandId, String orderId, Instant issuedAt, OrderCommand command) {
            return orders.codec().encodeCommand(topics.commands("order"), new RecordHeaders(),
                    new CommandEnvelope<>(meta(commandId, orderId, issuedAt), command));
        }

        Map<String, List<Long>> versionsByOrder() {
            Map<String, List<Long>> versions = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : CommittedRecords.readToEnd(kafka.clientConfig(), topics.events("order"), READ_TIMEOUT)) {
                EventEnvelope<OrderEvent> event = orders.codec().decodeEvent(r.topic(), r.headers(), r.value());
                versions.computeIfAbsent(event.metadata().aggregateId(), k -> new ArrayList<>()).add(event.metadata().version());
            }
            return versions;
        }

        Map<String, List<String>> resultCodes() {
            Map<String, List<String>> codes = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : CommittedRecords.readToEnd(kafka.clientConfig(), topics.commandResults(), READ_TIMEOUT)) {
                CommandOutcome o = outcomes.decodeOutcome(r.topic(), r.value());
                codes.computeIfAbsent(o.commandId(), k -> new ArrayList<>())
                        .add(o.rejection().map(rej -> rej.code()).orElse("ACCEPTED"));
            }
            return codes;
        }

        Map<String, List<String>> awaitResults(Predicate<Map<String, List<String>>> done) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Map<String, List<String>> codes = resultCodes();
            while (!done.test(codes) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                codes = resultCodes();
            }
            return codes;
        }

        List<String> deadLetterReasons() {
            return CommittedRecords.readToEnd(kafka.clientConfig(), topics.deadLetters("order"), READ_TIMEOUT).stream()
                    .map(r -> new String(r.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8)).toList();
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
