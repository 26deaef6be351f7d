package io.eventline.command.topology;

import io.eventline.contracts.EventIds;
import io.eventline.contracts.StoreNames;
import io.eventline.contracts.DeadLetters;
import io.eventline.contracts.AggregatePartitioner;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.command.CommandMetrics;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.StoredAggregate;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.domain.core.Decider;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderCommand.CancelOrder;
import io.eventline.domain.order.OrderCommand.ConfirmOrder;
import io.eventline.domain.order.OrderCommand.PlaceOrder;
import io.eventline.domain.order.OrderCommand.ShipOrder;
import io.eventline.domain.order.OrderDecider;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.order.OrderState;
import io.eventline.schemas.avro.common.EventKey;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import io.eventline.service.app.FailingRecords;
import io.eventline.service.app.TaskIdling;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.header.Header;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
    private static final List<OrderLine> LINES = List.of(new OrderLine("SKU-1", 2, 1250));

    // TopologyTestDriver reads every topic as one partition: with more, most aggregates would belong elsewhere.
    private final Topics topics = Topics.defaults().withPartitions(1);
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final FailingRecords failures = FailingRecords.standard();
    private final AvroOutcomeCodec outcomes = new AvroOutcomeCodec(registry);
    private AggregateType<OrderCommand, OrderState, OrderEvent> orders;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> commands;
    private TestOutputTopic<byte[], byte[]> events;
    private TestOutputTopic<String, byte[]> results;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start() {
        AggregateType<OrderCommand, OrderState, OrderEvent> real = Aggregates.order(registry);
        // A decider with a bug: cancelling with reason "boom" throws something other than a Rejection.
        orders = new AggregateType<>("order", new BuggyOnBoom(real.decider()), real.codec());
        driver = driver(topics);
    }

    private TopologyTestDriver driver(Topics topics) {
        Topology topology = new Topology();
        CommandPolicy policy = new CommandPolicy(Duration.ofDays(7), Duration.ofMinutes(15), failures);
        CommandTopology.addTo(topology, orders, topics, outcomes, CommandMetrics.none(), policy);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "command-topology-test");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        TopologyTestDriver driver = new TopologyTestDriver(topology, props, T0);
        commands = driver.createInputTopic(topics.commands("order"), new StringSerializer(), new ByteArraySerializer());
        events = driver.createOutputTopic(topics.events("order"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        results = driver.createOutputTopic(topics.commandResults(), new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters("order"), new StringDeserializer(), new ByteArrayDeserializer());
        return driver;
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void appends_the_events_of_an_accepted_command_with_the_next_versions_and_stores_the_new_state() {
        send("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));
        send("c2", "o1", null, new ConfirmOrder("o1"));

        List<TestRecord<byte[], byte[]>> appended = events.readRecordsToList();
        assertThat(appended).hasSize(2);
        EventKey firstKey = outcomes.decodeEventKey(topics.events("order"), appended.get(0).key());
        assertThat(firstKey.getAggregateId()).isEqualTo("o1");
        assertThat(firstKey.getVersion()).isEqualTo(1);
        EventEnvelope<OrderEvent> second = decodeEvent(appended.get(1));
        assertThat(second.metadata().version()).isEqualTo(2);
        assertThat(second.metadata().eventId()).isEqualTo(EventIds.of("c2", 0));
        assertThat(second.metadata().occurredAt()).isEqualTo(T0);
        assertThat(second.metadata().correlationId()).isEqualTo("corr-c2");
        assertThat(second.event()).isEqualTo(new OrderEvent.OrderConfirmed("o1"));
        assertThat(header(appended.get(1), "event-type")).isEqualTo("OrderConfirmed");
        assertThat(header(appended.get(1), "correlation-id")).isEqualTo("corr-c2");

        List<CommandOutcome> outcomesSeen = readOutcomes();
        assertThat(outcomesSeen).extracting(CommandOutcome::status, CommandOutcome::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CommandOutcome.Status.ACCEPTED, 1L),
                        org.assertj.core.groups.Tuple.tuple(CommandOutcome.Status.ACCEPTED, 2L));
        assertThat(outcomesSeen.get(1).eventIds()).containsExactly(EventIds.of("c2", 0));

        StoredAggregate<OrderState> stored = storedOrder("o1");
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.state()).isInstanceOf(OrderState.Confirmed.class);
    }

    @Test
    void answers_a_duplicate_command_with_its_first_result_and_appends_nothing() {
        send("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));
        send("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));

        assertThat(events.readRecordsToList()).hasSize(1);
        List<TestRecord<String, byte[]>> twice = results.readRecordsToList();
        assertThat(twice).hasSize(2);
        assertThat(twice.get(1).value()).isEqualTo(twice.get(0).value());
        assertThat(storedOrder("o1").version()).isEqualTo(1);
    }

    @Test
    void does_not_answer_again_a_record_whose_processing_committed_though_its_offset_did_not() {
        // What Kafka Streams leaves after committing a thread's transaction without a corrupted
        // task's offsets: the restored dedup store knows the record, at the very place it is read.
        byte[] firstResult = outcomes.encodeOutcome(topics.commandResults(), CommandOutcome.accepted(
                new CommandMetadata("c1", "o1", OptionalLong.empty(), T0, "corr-c1", Optional.empty(), "test"),
                "order", 1, List.of(EventIds.of("c1", 0)), T0));
        String dedupSubject = new StoreNames("order").dedupChangelog("command-topology-test");
        driver.<String, byte[]>getWindowStore("order-command-dedup").put("c1",
                outcomes.encodeRemembered(dedupSubject, firstResult, topics.commands("order"), 0, 0), T0.toEpochMilli());
        driver.<String, byte[]>getWindowStore("order-command-dedup").put("c2", firstResult, T0.toEpochMilli());

        send("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));
        send("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));
        send("c2", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));

        List<TestRecord<String, byte[]>> answered = results.readRecordsToList();
        assertThat(answered).as("the replayed record at offset 0 is not answered; the resend at offset 1 is, and so is"
                + " a command remembered before places were kept").hasSize(2);
        assertThat(answered).allSatisfy(r -> assertThat(r.value()).isEqualTo(firstResult));
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void rejects_a_command_whose_expected_version_is_not_the_current_one() {
        send("c1", "o1", 0L, new PlaceOrder("o1", "alice", LINES, "EUR"));
        send("c2", "o1", 0L, new ConfirmOrder("o1"));
        send("c3", "o1", 1L, new ConfirmOrder("o1"));

        List<CommandOutcome> seen = readOutcomes();
        assertThat(seen.get(1).status()).isEqualTo(CommandOutcome.Status.REJECTED);
        assertThat(seen.get(1).rejection().orElseThrow().code()).isEqualTo("CONCURRENCY_CONFLICT");
        assertThat(seen.get(1).version()).isEqualTo(1);
        assertThat(seen.get(2).status()).isEqualTo(CommandOutcome.Status.ACCEPTED);
        assertThat(events.readRecordsToList()).hasSize(2);
    }

    @Test
    void rejects_a_command_that_breaks_a_rule_with_its_code_and_appends_nothing() {
        send("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));
        send("c2", "o1", null, new ShipOrder("o1"));

        assertThat(events.readRecordsToList()).hasSize(1);
        CommandOutcome refused = readOutcomes().get(1);
        assertThat(refused.rejection().orElseThrow().code()).isEqualTo("ORDER_NOT_CONFIRMED");
        assertThat(refused.eventIds()).isEmpty();
        assertThat(storedOrder("o1").version()).isEqualTo(1);
    }

    @Test
    void rejects_a_command_whose_key_does_not_name_its_aggregate() {
        commands.pipeInput("o2", encode("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR")), T0);

        assertThat(readOutcomes().getFirst().rejection().orElseThrow().code()).isEqualTo("AGGREGATE_ID_MISMATCH");
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void sends_undecodable_bytes_to_the_dead_letter_topic_unchanged_and_goes_on() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        commands.pipeInput("o1", garbage, T0);
        send("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("o1");
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo(DeadLetters.UNDECODABLE);
        assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo("shop.order.commands");
        assertThat(header(dead, DeadLetters.ERROR_MESSAGE)).isNotBlank();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(readOutcomes()).singleElement().extracting(CommandOutcome::status).isEqualTo(CommandOutcome.Status.ACCEPTED);
    }

    @Test
    void dead_letters_a_command_whose_handling_throws_and_reports_it_failed_without_events() {
        send("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));
        send("c2", "o1", null, new CancelOrder("o1", "boom"));
        send("c3", "o1", null, new ConfirmOrder("o1"));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo(DeadLetters.HANDLER_FAILED);
        assertThat(header(dead, DeadLetters.ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
        List<CommandOutcome> seen = readOutcomes();
        assertThat(seen.get(1).rejection().orElseThrow().code()).isEqualTo("PROCESSING_FAILED");
        assertThat(seen.get(2).version()).isEqualTo(2);
        assertThat(events.readRecordsToList()).hasSize(2);
    }

    @Test
    void every_task_reads_one_partition_so_the_service_runs_without_task_idling() {
        // Kafka Streams spends about 5 % of the command threads on task idling otherwise (TaskIdling).
        Topology topology = new Topology();
        CommandPolicy policy = new CommandPolicy(Duration.ofDays(7), Duration.ofMinutes(15), failures);
        for (AggregateType<?, ?, ?> type : Aggregates.all(registry)) {
            CommandTopology.addTo(topology, type, topics, outcomes, CommandMetrics.none(), policy);
        }
        assertThat(TaskIdling.defaultsFor(topology)).isEqualTo(TaskIdling.OFF);
    }

    @Test
    void partitions_events_by_aggregate_id_exactly_as_commands_keyed_by_that_id() {
        for (String id : List.of("o1", "order-42", "ü-unicode", "x")) {
            int commandPartition = BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), 6);
            assertThat(AggregatePartitioner.partitionOf(id, 6)).isEqualTo(commandPartition);
        }
    }

    @Test
    void stamps_events_results_and_state_with_the_decision_time_not_the_senders_claim() {
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        Instant decided = T0.plusSeconds(5);
        Instant claimed = T0.minus(Duration.ofMinutes(10));
        commands.pipeInput("o1", encode("c1", "o1", null, claimed, new PlaceOrder("o1", "alice", LINES, "EUR")), claimed);

        TestRecord<byte[], byte[]> event = events.readRecord();
        assertThat(event.getRecordTime()).isEqualTo(decided);
        assertThat(decodeEvent(event).metadata().occurredAt()).isEqualTo(decided);
        TestRecord<String, byte[]> result = results.readRecord();
        assertThat(result.getRecordTime()).isEqualTo(decided);
        assertThat(outcomes.decodeOutcome(topics.commandResults(), result.value()).processedAt()).isEqualTo(decided);
        assertThat(storedOrder("o1").updatedAt()).isEqualTo(decided);
    }

    @Test
    void refuses_a_command_issued_far_ahead_of_the_service_clock_or_before_its_dedup_window() {
        PlaceOrder place = new PlaceOrder("o1", "alice", LINES, "EUR");
        commands.pipeInput("o1", encode("ahead", "o1", null, T0.plus(Duration.ofHours(2)), place), T0);
        commands.pipeInput("o1", encode("ancient", "o1", null, Instant.ofEpochMilli(-62_000_000_000_000L), place), T0);
        commands.pipeInput("o1", encode("stale", "o1", null, T0.minus(Duration.ofDays(8)), place), T0);
        commands.pipeInput("o1", encode("skewed", "o1", null, T0.plus(Duration.ofMinutes(14)), place), T0);

        List<CommandOutcome> seen = readOutcomes();
        assertThat(seen).extracting(o -> o.rejection().map(r -> r.code()).orElse("ACCEPTED"))
                .containsExactly("ISSUED_AT_OUT_OF_RANGE", "ISSUED_AT_OUT_OF_RANGE", "ISSUED_AT_OUT_OF_RANGE", "ACCEPTED");
        assertThat(seen.getFirst().rejection().orElseThrow().message()).contains("ahead of its clock");
        List<TestRecord<byte[], byte[]>> appended = events.readRecordsToList();
        assertThat(appended).singleElement().satisfies(e -> assertThat(e.getRecordTime()).isEqualTo(T0));
    }

    @Test
    void gives_up_on_a_record_that_failed_again_and_again_with_a_dead_letter_and_a_refusal() {
        FailingRecords.Coordinates first = new FailingRecords.Coordinates(topics.commands("order"), 0, 0);
        for (int attempt = 0; attempt < FailingRecords.DEFAULT_MAX_ATTEMPTS; attempt++) {
            failures.failed(first, new InvalidTimestampException("Timestamp 1 of message is out of range"));
        }
        send("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));
        send("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));
        send("c2", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo(DeadLetters.REPEATED_FAILURE);
        assertThat(header(dead, DeadLetters.ERROR_MESSAGE)).contains("failed 3 times", "InvalidTimestampException", "out of range");
        assertThat(header(dead, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(deadLetters.isEmpty()).isTrue();
        List<CommandOutcome> seen = readOutcomes();
        assertThat(seen.get(0).rejection().orElseThrow().code()).isEqualTo("PROCESSING_FAILED");
        assertThat(seen.get(1)).as("a resend gets the first answer").isEqualTo(seen.get(0));
        assertThat(seen.get(2).status()).isEqualTo(CommandOutcome.Status.ACCEPTED);
        assertThat(events.readRecordsToList()).hasSize(1);
    }

    @Test
    void a_dead_letter_of_a_failed_command_replayed_after_a_fix_is_processed_once_and_its_new_outcome_answers_resends() {
        FailingRecords.Coordinates first = new FailingRecords.Coordinates(topics.commands("order"), 0, 0);
        for (int attempt = 0; attempt < FailingRecords.DEFAULT_MAX_ATTEMPTS; attempt++) {
            failures.failed(first, new InvalidTimestampException("Timestamp 1 of message is out of range"));
        }
        send("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));
        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(readOutcomes()).singleElement().satisfies(o ->
                assertThat(o.rejection().orElseThrow().code()).isEqualTo("PROCESSING_FAILED"));

        RecordHeaders replayHeaders = new RecordHeaders();
        for (Header header : dead.headers()) {
            if (!header.key().startsWith("dlq.")) {
                replayHeaders.add(header);
            }
        }
        replayHeaders.add(DeadLetters.REPLAYED_FROM, "shop.order.commands.dlq/0@0".getBytes(StandardCharsets.UTF_8));
        replayHeaders.add(DeadLetters.REPLAYED_BY, "ops".getBytes(StandardCharsets.UTF_8));
        commands.pipeInput(new TestRecord<>(dead.key(), dead.value(), replayHeaders, T0));
        CommandOutcome replayed = readOutcomes().getFirst();
        assertThat(replayed.status()).isEqualTo(CommandOutcome.Status.ACCEPTED);
        assertThat(replayed.version()).isEqualTo(1);

        // From now on the command id answers with the outcome of the replay, and never applies twice:
        // not to a resend, not to a second replay.
        send("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));
        commands.pipeInput(new TestRecord<>(dead.key(), dead.value(), replayHeaders, T0));
        assertThat(readOutcomes()).containsExactly(replayed, replayed);
        assertThat(events.readRecordsToList()).hasSize(1);
    }

    @Test
    void a_replay_header_does_not_make_a_command_that_was_decided_apply_again() {
        send("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR"));
        RecordHeaders replayHeaders = new RecordHeaders();
        replayHeaders.add(DeadLetters.REPLAYED_FROM, "shop.order.commands.dlq/0@7".getBytes(StandardCharsets.UTF_8));
        commands.pipeInput(new TestRecord<>("o1", encode("c1", "o1", null, new PlaceOrder("o1", "alice", LINES, "EUR")),
                replayHeaders, T0));

        List<CommandOutcome> seen = readOutcomes();
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        assertThat(events.readRecordsToList()).hasSize(1);
    }

    @Test
    void moves_a_command_found_on_another_partition_than_its_aggregates_and_decides_nothing_there() {
        driver.close();
        Topics six = topics.withPartitions(6);
        driver = driver(six);
        String elsewhere = List.of("o1", "o2", "o3", "o4", "o5").stream()
                .filter(id -> AggregatePartitioner.partitionOf(id, 6) != 0).findFirst().orElseThrow();
        TestOutputTopic<String, byte[]> commandTopic = driver.createOutputTopic(six.commands("order"), new StringDeserializer(),
                new ByteArrayDeserializer());
        byte[] value = encode("c1", elsewhere, null, T0, new PlaceOrder(elsewhere, "alice", LINES, "EUR"));
        commands.pipeInput(elsewhere, value, T0);

        TestRecord<String, byte[]> moved = commandTopic.readRecord();
        assertThat(moved.key()).isEqualTo(elsewhere);
        assertThat(moved.value()).isEqualTo(value);
        assertThat(header(moved, MovedCommand.MOVED_FROM)).isEqualTo(six.commands("order") + "/0@0");
        assertThat(storedOrderOrNull(elsewhere)).as("no state where the aggregate does not live").isNull();
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void dead_letters_a_moved_command_that_is_on_a_wrong_partition_again_instead_of_moving_it_for_ever() {
        driver.close();
        Topics six = topics.withPartitions(6);
        driver = driver(six);
        String elsewhere = List.of("o1", "o2", "o3", "o4", "o5").stream()
                .filter(id -> AggregatePartitioner.partitionOf(id, 6) != 0).findFirst().orElseThrow();
        RecordHeaders movedOnce = new RecordHeaders();
        movedOnce.add(MovedCommand.MOVED_FROM, "shop.order.commands/3@17".getBytes(StandardCharsets.UTF_8));
        commands.pipeInput(new TestRecord<>(elsewhere, encode("c1", elsewhere, null, T0,
                new PlaceOrder(elsewhere, "alice", LINES, "EUR")), movedOnce, T0));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo(DeadLetters.MISPARTITIONED);
        assertThat(header(dead, DeadLetters.ERROR_MESSAGE)).contains("shop.order.commands/3@17", "partition count");
        assertThat(events.isEmpty()).isTrue();
    }

    private void send(String commandId, String orderId, Long expectedVersion, OrderCommand command) {
        commands.pipeInput(orderId, encode(commandId, orderId, expectedVersion, command), T0);
    }

    private byte[] encode(String commandId, String orderId, Long expectedVersion, OrderCommand command) {
        return encode(commandId, orderId, expectedVersion, T0, command);
    }

    private byte[] encode(String commandId, String orderId, Long expectedVersion, Instant issuedAt, OrderCommand command) {
        CommandMetadata meta = new CommandMetadata(commandId, orderId,
                expectedVersion == null ? OptionalLong.empty() : OptionalLong.of(expectedVersion), issuedAt,
                "corr-" + commandId, Optional.empty(), "test");
        return orders.codec().encodeCommand(topics.commands("order"), new RecordHeaders(), new CommandEnvelope<>(meta, command));
    }

    private List<CommandOutcome> readOutcomes() {
        return results.readValuesToList().stream().map(v -> outcomes.decodeOutcome(topics.commandResults(), v)).toList();
    }

    private EventEnvelope<OrderEvent> decodeEvent(TestRecord<byte[], byte[]> record) {
        return orders.codec().decodeEvent(topics.events("order"), record.headers(), record.value());
    }

    private StoredAggregate<OrderState> storedOrderOrNull(String id) {
        return driver.<String, byte[]>getKeyValueStore("order-aggregates").get(id) == null ? null : storedOrder(id);
    }

    private StoredAggregate<OrderState> storedOrder(String id) {
        byte[] bytes = driver.<String, byte[]>getKeyValueStore("order-aggregates").get(id);
        return orders.codec().decodeState("command-topology-test-order-aggregates-changelog", id, bytes);
    }

    private static String header(TestRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private record BuggyOnBoom(Decider<OrderCommand, OrderState, OrderEvent> delegate)
            implements Decider<OrderCommand, OrderState, OrderEvent> {
        @Override
        public OrderState initialState() {
            return delegate.initialState();
        }

        @Override
        public List<OrderEvent> decide(OrderCommand command, OrderState state) {
            if (command instanceof CancelOrder cancel && cancel.reason().equals("boom")) {
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
