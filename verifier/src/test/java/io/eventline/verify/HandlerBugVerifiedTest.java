package io.eventline.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.command.CommandMetrics;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.command.topology.CommandPolicy;
import io.eventline.command.topology.CommandTopology;
import io.eventline.contracts.StoreNames;
import io.eventline.domain.core.Decider;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.order.OrderState;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A decider with a bug can only be had in a test: the command that trips it is dead-lettered and
 * answered PROCESSING_FAILED, the commands after it are processed, and the verifier, fed the
 * driver's output, finds everything exactly once.
 */
class HandlerBugVerifiedTest {

    private static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
    private static final String APP = "handler-bug";

    private final Topics topics = new Topics("bug", 1, (short) 1, Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(90));
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AggregateType<OrderCommand, OrderState, OrderEvent> real = Aggregates.order(registry);
    private final AggregateType<OrderCommand, OrderState, OrderEvent> orders =
            new AggregateType<>("order", new ThrowsOnBoom(real.decider()), real.codec());
    private final List<LoggedRecord> sent = new ArrayList<>();

    @Test
    void a_command_that_makes_the_decider_throw_is_dead_lettered_and_the_rest_is_exactly_once() {
        Topology topology = new Topology();
        CommandTopology.addTo(topology, orders, topics, new AvroOutcomeCodec(registry), CommandMetrics.none(), CommandPolicy.defaults());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, T0)) {
            TestInputTopic<String, byte[]> input = driver.createInputTopic(topics.commands("order"), new StringSerializer(),
                    new ByteArraySerializer());
            send(input, "c1", new OrderCommand.PlaceOrder("o1", "alice", List.of(new OrderLine("SKU-1", 1, 100)), "EUR"));
            send(input, "c2", new OrderCommand.CancelOrder("o1", "boom"));
            send(input, "c3", new OrderCommand.ConfirmOrder("o1"));
            send(input, "c3", new OrderCommand.ConfirmOrder("o1"));

            Map<String, List<LoggedRecord>> log = new HashMap<>();
            log.put(topics.commands("order"), sent);
            for (String topic : List.of(topics.events("order"), topics.commandResults(), topics.deadLetters("order"),
                    new StoreNames("order").aggregatesChangelog(APP))) {
                log.put(topic, read(driver, topic));
            }
            VerificationReport report = new ExactlyOnceVerifier(Map.of(), topics, registry).withCommandServiceId(APP)
                    .check(new PipelineLog(log, Map.of()), Optional.empty());

            assertThat(report.holds()).as(report.toString()).isTrue();
            assertThat(report.deadLetters()).isEqualTo(1);
            assertThat(report.results()).as("c1, c2 failed, c3, c3 again").isEqualTo(4);
            assertThat(report.events()).isEqualTo(2);
            assertThat(report.snapshots()).isEqualTo(1);
        }
    }

    private void send(TestInputTopic<String, byte[]> input, String commandId, OrderCommand command) {
        String topic = topics.commands("order");
        byte[] value = orders.codec().encodeCommand(topic, new RecordHeaders(), new CommandEnvelope<>(new CommandMetadata(
                commandId, "o1", OptionalLong.empty(), T0, commandId, Optional.empty(), "test"), command));
        input.pipeInput("o1", value, T0);
        sent.add(LoggedRecord.of(topic, 0, sent.size(), "o1".getBytes(StandardCharsets.UTF_8), value, new RecordHeaders()));
    }

    private static List<LoggedRecord> read(TopologyTestDriver driver, String topic) {
        List<LoggedRecord> records = new ArrayList<>();
        for (TestRecord<byte[], byte[]> r : driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList()) {
            records.add(LoggedRecord.of(topic, 0, records.size(), r.key(), r.value(), r.headers()));
        }
        return records;
    }

    /** A decider with a bug: cancelling with reason "boom" throws something other than a Rejection. */
    private record ThrowsOnBoom(Decider<OrderCommand, OrderState, OrderEvent> delegate)
            implements Decider<OrderCommand, OrderState, OrderEvent> {
        @Override
        public OrderState initialState() {
            return delegate.initialState();
        }

        @Override
        public List<OrderEvent> decide(OrderCommand command, OrderState state) {
            if (command instanceof OrderCommand.CancelOrder cancel && cancel.reason().equals("boom")) {
                throw new IllegalStateException("a bug in the decider");
            }
            return delegate.decide(command, state);
        }

        @Override
        public OrderState evolve(OrderState state, OrderEvent event) {
            return delegate.evolve(state, event);
        }
    }
}
