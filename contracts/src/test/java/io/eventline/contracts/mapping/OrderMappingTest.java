package io.eventline.contracts.mapping;

import static io.eventline.contracts.mapping.MappingFixtures.NOT_WIRE_FORMAT;
import static io.eventline.contracts.mapping.MappingFixtures.UPDATED_AT;
import static io.eventline.contracts.mapping.MappingFixtures.assertGarbageIsDecodedOrUndecodable;
import static io.eventline.contracts.mapping.MappingFixtures.commandMetadata;
import static io.eventline.contracts.mapping.MappingFixtures.commandMetadataWithoutOptionals;
import static io.eventline.contracts.mapping.MappingFixtures.envelopeWithUnknownPayload;
import static io.eventline.contracts.mapping.MappingFixtures.eventMetadata;
import static io.eventline.contracts.mapping.MappingFixtures.eventMetadataWithoutCausation;
import static io.eventline.contracts.mapping.MappingFixtures.eventTypeHeader;
import static io.eventline.contracts.mapping.MappingFixtures.headers;
import static io.eventline.contracts.mapping.MappingFixtures.undecodable;
import static io.eventline.contracts.mapping.MappingFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.StoredAggregate;
import io.eventline.domain.core.Rejection;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderDecider;
import io.eventline.domain.order.OrderDetails;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.order.OrderState;
import io.eventline.schemas.avro.order.OrderAggregate;
import io.eventline.schemas.avro.order.OrderCommandEnvelope;
import io.eventline.schemas.avro.order.OrderSnapshot;
import io.eventline.schemas.avro.order.OrderStatus;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.schemas.serde.UndecodableRecordException.Reason;
import io.eventline.schemas.topics.Topics;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrderMappingTest {

    private static final String COMMANDS = Topics.defaults().commands("order");
    private static final String EVENTS = Topics.defaults().events("order");
    private static final String STORE = "command-service-order-aggregates-changelog";
    private static final List<OrderLine> LINES = List.of(new OrderLine("sku-1", 2, 1250), new OrderLine("sku-2", 1, 99));
    private static final OrderDetails ORDER = new OrderDetails("o-1", "c-1", LINES, "EUR");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final OrderMapping mapping = new OrderMapping(registry);

    static Stream<OrderCommand> commands() {
        return Stream.of(new OrderCommand.PlaceOrder("o-1", "c-1", LINES, "EUR"), new OrderCommand.ConfirmOrder("o-1"),
                new OrderCommand.ShipOrder("o-1"), new OrderCommand.CancelOrder("o-1", "changed my mind"),
                new OrderCommand.DeliverOrder("o-1"));
    }

    static Stream<OrderEvent> events() {
        return Stream.of(new OrderEvent.OrderPlaced("o-1", "c-1", LINES, "EUR"), new OrderEvent.OrderConfirmed("o-1"),
                new OrderEvent.OrderShipped("o-1"), new OrderEvent.OrderCancelled("o-1", "changed my mind"),
                new OrderEvent.OrderDelivered("o-1"));
    }

    static Stream<OrderState> states() {
        return Stream.of(new OrderState.NotPlaced(), new OrderState.Placed(ORDER), new OrderState.Confirmed(ORDER),
                new OrderState.Shipped(ORDER), new OrderState.Delivered(ORDER), new OrderState.Cancelled(ORDER, "out of stock"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void every_command_comes_back_from_its_bytes_with_its_metadata(OrderCommand command) {
        var sent = new CommandEnvelope<>(commandMetadata("o-1"), command);
        Headers headers = headers();
        byte[] bytes = mapping.encodeCommand(COMMANDS, headers, sent);

        assertThat(mapping.decodeCommand(COMMANDS, headers, bytes)).isEqualTo(sent);
        assertThat(eventTypeHeader(headers)).isEqualTo(mapping.commandTypeOf(command));
        assertThat(mapping.aggregateIdOf(command)).isEqualTo("o-1");
    }

    @Test
    void a_command_without_expected_version_or_causation_comes_back_without_them() {
        var sent = new CommandEnvelope<OrderCommand>(commandMetadataWithoutOptionals("o-1"), new OrderCommand.ShipOrder("o-1"));

        assertThat(mapping.decodeCommand(COMMANDS, headers(), mapping.encodeCommand(COMMANDS, headers(), sent)))
                .isEqualTo(sent);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void every_event_comes_back_from_its_bytes_with_its_metadata(OrderEvent event) {
        var appended = new EventEnvelope<>(eventMetadata("order", "o-1"), event);
        Headers headers = headers();
        byte[] bytes = mapping.encodeEvent(EVENTS, headers, appended);

        assertThat(mapping.decodeEvent(EVENTS, headers, bytes)).isEqualTo(appended);
        assertThat(eventTypeHeader(headers)).isEqualTo(mapping.eventTypeOf(event));
    }

    @Test
    void an_event_without_causation_comes_back_without_it() {
        var appended = new EventEnvelope<OrderEvent>(eventMetadataWithoutCausation("order", "o-1"), new OrderEvent.OrderShipped("o-1"));

        assertThat(mapping.decodeEvent(EVENTS, headers(), mapping.encodeEvent(EVENTS, headers(), appended)))
                .isEqualTo(appended);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void every_state_comes_back_from_its_snapshot_with_version_and_time(OrderState state) {
        var stored = new StoredAggregate<>(7, UPDATED_AT, state);

        StoredAggregate<OrderState> decoded = mapping.decodeState(STORE, "o-1", mapping.encodeState(STORE, stored));

        assertThat(decoded).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void a_state_read_back_from_its_snapshot_decides_every_command_as_the_original_does(OrderState state) {
        var decider = new OrderDecider();
        OrderState decoded = mapping.decodeState(STORE, "o-1", mapping.encodeState(STORE, new StoredAggregate<>(1, UPDATED_AT, state))).state();

        commands().forEach(command ->
                assertThat(outcome(decider, command, decoded)).as("%s", command).isEqualTo(outcome(decider, command, state)));
    }

    @Test
    void bytes_that_are_not_in_the_wire_format_are_undecodable() {
        assertThat(undecodable(() -> mapping.decodeCommand(COMMANDS, headers(), NOT_WIRE_FORMAT)).reason())
                .isEqualTo(Reason.NOT_WIRE_FORMAT);
        assertThat(undecodable(() -> mapping.decodeEvent(EVENTS, headers(), NOT_WIRE_FORMAT))).isNotNull();
        assertThat(undecodable(() -> mapping.decodeState(STORE, "o-1", NOT_WIRE_FORMAT))).isNotNull();
        assertThat(undecodable(() -> mapping.decodeCommand(COMMANDS, headers(), null))).isNotNull();
    }

    @Test
    void random_payloads_are_decoded_or_undecodable_and_nothing_else() {
        var place = new CommandEnvelope<OrderCommand>(commandMetadata("o-1"), commands().findFirst().orElseThrow());
        var placed = new EventEnvelope<OrderEvent>(eventMetadata("order", "o-1"), events().findFirst().orElseThrow());
        var stored = new StoredAggregate<OrderState>(1, UPDATED_AT, new OrderState.Cancelled(ORDER, "gone"));

        assertGarbageIsDecodedOrUndecodable(mapping.encodeCommand(COMMANDS, headers(), place),
                bytes -> mapping.decodeCommand(COMMANDS, headers(), bytes));
        assertGarbageIsDecodedOrUndecodable(mapping.encodeEvent(EVENTS, headers(), placed),
                bytes -> mapping.decodeEvent(EVENTS, headers(), bytes));
        assertGarbageIsDecodedOrUndecodable(mapping.encodeState(STORE, stored), bytes -> mapping.decodeState(STORE, "o-1", bytes));
    }

    @Test
    void an_event_on_the_command_topic_is_undecodable() {
        byte[] event = mapping.encodeEvent(COMMANDS, headers(),
                new EventEnvelope<>(eventMetadata("order", "o-1"), new OrderEvent.OrderShipped("o-1")));

        assertThat(undecodable(() -> mapping.decodeCommand(COMMANDS, headers(), event)).reason())
                .isEqualTo(Reason.INCOMPATIBLE_WRITER_SCHEMA);
    }

    @Test
    void a_command_of_a_type_this_service_does_not_know_is_undecodable() {
        byte[] bytes = envelopeWithUnknownPayload(OrderCommandEnvelope.getClassSchema(), "newer.order.commands", registry);

        assertThat(undecodable(() -> mapping.decodeCommand(COMMANDS, headers(), bytes)).reason())
                .isEqualTo(Reason.INCOMPATIBLE_WRITER_SCHEMA);
    }

    @Test
    void a_placed_order_snapshot_without_its_customer_is_undecodable() {
        byte[] bytes = snapshot(new OrderSnapshot(OrderStatus.PLACED, null, List.of(), "EUR", null));

        var e = undecodable(() -> mapping.decodeState(STORE, "o-1", bytes));
        assertThat(e.reason()).isEqualTo(Reason.UNREADABLE_PAYLOAD);
        assertThat(e).hasMessageContaining("customerId is required");
    }

    @Test
    void a_cancelled_order_snapshot_without_its_reason_is_undecodable() {
        byte[] bytes = snapshot(new OrderSnapshot(OrderStatus.CANCELLED, "c-1", List.of(), "EUR", null));

        assertThat(undecodable(() -> mapping.decodeState(STORE, "o-1", bytes))).hasMessageContaining("cancelReason is required");
    }

    @Test
    void a_not_placed_snapshot_that_holds_an_order_is_undecodable() {
        byte[] bytes = snapshot(new OrderSnapshot(OrderStatus.NOT_PLACED, "c-1", List.of(), "EUR", null));

        assertThat(undecodable(() -> mapping.decodeState(STORE, "o-1", bytes))).hasMessageContaining("NOT_PLACED");
    }

    @Test
    void a_snapshot_with_a_status_this_service_does_not_know_is_undecodable() {
        Schema writer = new Schema.Parser().parse(OrderAggregate.getClassSchema().toString()
                .replace("\"CANCELLED\"]", "\"CANCELLED\",\"ARCHIVED\"]"));
        Schema snapshotSchema = writer.getField("state").schema();
        GenericRecord snapshot = new GenericData.Record(snapshotSchema);
        snapshot.put("status", new GenericData.EnumSymbol(snapshotSchema.getField("status").schema(), "ARCHIVED"));
        snapshot.put("lines", List.of());
        GenericRecord aggregate = new GenericData.Record(writer);
        aggregate.put("version", 1L);
        aggregate.put("updatedAt", UPDATED_AT.toEpochMilli());
        aggregate.put("state", snapshot);
        byte[] bytes = write(writer, aggregate, "newer-order-aggregates-changelog", registry);

        assertThat(undecodable(() -> mapping.decodeState(STORE, "o-1", bytes)).reason()).isEqualTo(Reason.INCOMPATIBLE_WRITER_SCHEMA);
    }

    private byte[] snapshot(OrderSnapshot snapshot) {
        return AvroSerde.forValues(OrderAggregate.class, registry).serializer()
                .serialize(STORE, new OrderAggregate(1L, UPDATED_AT, snapshot));
    }

    private static Object outcome(OrderDecider decider, OrderCommand command, OrderState state) {
        try {
            return decider.decide(command, state);
        } catch (Rejection r) {
            return r.toString();
        }
    }
}
