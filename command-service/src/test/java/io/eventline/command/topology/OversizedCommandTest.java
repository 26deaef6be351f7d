package io.eventline.command.topology;

import io.eventline.contracts.DeadLetters;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.command.CommandMetrics;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderCommand.CancelOrder;
import io.eventline.domain.order.OrderCommand.ConfirmOrder;
import io.eventline.domain.order.OrderCommand.PlaceOrder;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.order.OrderState;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A record over the producer's max.request.size fails the task at every retry, and the stream
 * thread with it, so one command that the broker accepted could stop its partition for good. The
 * processor checks sizes first. The limit is made small here so that the records stay small.
 */
class OversizedCommandTest {

    private static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
    private static final int LIMIT = 20_000;

    // TopologyTestDriver reads every topic as one partition: with more, most aggregates would belong elsewhere.
    private final Topics topics = Topics.defaults().withPartitions(1);
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroOutcomeCodec outcomes = new AvroOutcomeCodec(registry);
    private final AggregateType<OrderCommand, OrderState, OrderEvent> orders = Aggregates.order(registry);
    private final TopologyTestDriver driver = driver();
    private final TestInputTopic<String, byte[]> commands =
            driver.createInputTopic(topics.commands("order"), new StringSerializer(), new ByteArraySerializer());
    private final TestOutputTopic<byte[], byte[]> events =
            driver.createOutputTopic(topics.events("order"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    private final TestOutputTopic<String, byte[]> results =
            driver.createOutputTopic(topics.commandResults(), new StringDeserializer(), new ByteArrayDeserializer());
    private final TestOutputTopic<String, byte[]> deadLetters =
            driver.createOutputTopic(topics.deadLetters("order"), new StringDeserializer(), new ByteArrayDeserializer());

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void refuses_a_command_whose_events_would_exceed_the_record_limit_and_processes_the_next_one() {
        send("c1", "o1", new PlaceOrder("o1", "alice", List.of(new OrderLine("SKU-1", 1, 100)), "EUR"));
        send("c2", "o1", new CancelOrder("o1", "x".repeat(LIMIT)));
        send("c3", "o1", new ConfirmOrder("o1"));

        List<CommandOutcome> seen = results.readValuesToList().stream()
                .map(v -> outcomes.decodeOutcome(topics.commandResults(), v)).toList();
        assertThat(seen.get(1).rejection().orElseThrow().code()).isEqualTo("TOO_LARGE");
        assertThat(seen.get(1).version()).isEqualTo(1);
        assertThat(seen.get(2).accepted()).isTrue();
        assertThat(seen.get(2).version()).isEqualTo(2);
        assertThat(events.readRecordsToList()).hasSize(2).allSatisfy(e -> assertThat(e.value().length).isLessThan(LIMIT));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void dead_letters_undecodable_bytes_too_large_to_copy_with_headers_without_their_value() {
        byte[] garbage = new byte[LIMIT - 100];
        commands.pipeInput("o1", garbage, T0);
        send("c1", "o1", new PlaceOrder("o1", "alice", List.of(new OrderLine("SKU-1", 1, 100)), "EUR"));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isNull();
        assertThat(dead.key()).isEqualTo("o1");
        assertThat(header(dead, DeadLetters.VALUE_OMITTED)).isEqualTo(String.valueOf(garbage.length));
        assertThat(header(dead, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(results.readValuesToList()).hasSize(1);
    }

    @Test
    void dead_letters_a_command_whose_ids_are_too_large_for_even_a_refusal() {
        // Only reachable when clients may send larger records than the service: here the input has no limit.
        String huge = "o".repeat(LIMIT);
        send("c1", huge, new PlaceOrder(huge, "alice", List.of(new OrderLine("SKU-1", 1, 100)), "EUR"));
        send("c2", "o2", new PlaceOrder("o2", "alice", List.of(new OrderLine("SKU-1", 1, 100)), "EUR"));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo(DeadLetters.TOO_LARGE);
        assertThat(dead.key()).as("a key this large does not fit beside the headers either").isNull();
        assertThat(dead.value()).isNull();
        assertThat(results.readKeyValuesToList()).singleElement().satisfies(r -> assertThat(r.key).isEqualTo("c2"));
        assertThat(events.readRecordsToList()).hasSize(1);
    }

    private void send(String commandId, String orderId, OrderCommand command) {
        CommandMetadata meta = new CommandMetadata(commandId, orderId, OptionalLong.empty(), T0, commandId, Optional.empty(), "test");
        commands.pipeInput(orderId, orders.codec().encodeCommand(topics.commands("order"), new RecordHeaders(),
                new CommandEnvelope<>(meta, command)), T0);
    }

    private TopologyTestDriver driver() {
        Topology topology = new Topology();
        CommandTopology.addTo(topology, orders, topics, outcomes, CommandMetrics.none(), CommandPolicy.defaults());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "oversized-command-test");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.producerPrefix("max.request.size"), LIMIT);
        return new TopologyTestDriver(topology, props, T0);
    }

    private static String header(TestRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
