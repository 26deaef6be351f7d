package io.eventline.contracts.mapping;

import static io.eventline.contracts.mapping.MappingFixtures.NOT_WIRE_FORMAT;
import static io.eventline.contracts.mapping.MappingFixtures.UPDATED_AT;
import static io.eventline.contracts.mapping.MappingFixtures.assertGarbageIsDecodedOrUndecodable;
import static io.eventline.contracts.mapping.MappingFixtures.commandMetadata;
import static io.eventline.contracts.mapping.MappingFixtures.commandMetadataWithoutOptionals;
import static io.eventline.contracts.mapping.MappingFixtures.envelopeWithUnknownPayload;
import static io.eventline.contracts.mapping.MappingFixtures.eventMetadata;
import static io.eventline.contracts.mapping.MappingFixtures.eventTypeHeader;
import static io.eventline.contracts.mapping.MappingFixtures.headers;
import static io.eventline.contracts.mapping.MappingFixtures.undecodable;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.StoredAggregate;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.inventory.InventoryDecider;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.inventory.InventoryState;
import io.eventline.schemas.avro.inventory.InventoryAggregate;
import io.eventline.schemas.avro.inventory.InventoryEventEnvelope;
import io.eventline.schemas.avro.inventory.InventorySnapshot;
import io.eventline.schemas.avro.inventory.Reservation;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.schemas.serde.UndecodableRecordException.Reason;
import io.eventline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InventoryMappingTest {

    private static final String COMMANDS = Topics.defaults().commands("inventory");
    private static final String EVENTS = Topics.defaults().events("inventory");
    private static final String STORE = "command-service-inventory-aggregates-changelog";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final InventoryMapping mapping = new InventoryMapping(registry);

    static Stream<InventoryCommand> commands() {
        return Stream.of(new InventoryCommand.AddStock("sku-1", 10), new InventoryCommand.ReserveStock("sku-1", "o-1", 3),
                new InventoryCommand.ReleaseStock("sku-1", "o-1"), new InventoryCommand.CommitStock("sku-1", "o-1"));
    }

    static Stream<InventoryEvent> events() {
        return Stream.of(new InventoryEvent.StockAdded("sku-1", 10), new InventoryEvent.StockReserved("sku-1", "o-1", 3),
                new InventoryEvent.StockReservationFailed("sku-1", "o-2", 50, "INSUFFICIENT_STOCK"),
                new InventoryEvent.StockReleased("sku-1", "o-1", 3), new InventoryEvent.StockCommitted("sku-1", "o-1", 3));
    }

    static Stream<InventoryState> states() {
        return Stream.of(InventoryState.empty(),
                new InventoryState(10, Map.of("o-2", 2, "o-1", 3), List.of("o-9", "o-0")),
                new InventoryState(4, Map.of(), List.of("o-0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void every_command_comes_back_from_its_bytes_with_its_metadata(InventoryCommand command) {
        var sent = new CommandEnvelope<>(commandMetadata("sku-1"), command);
        Headers headers = headers();
        byte[] bytes = mapping.encodeCommand(COMMANDS, headers, sent);

        assertThat(mapping.decodeCommand(COMMANDS, headers, bytes)).isEqualTo(sent);
        assertThat(eventTypeHeader(headers)).isEqualTo(mapping.commandTypeOf(command));
        assertThat(mapping.aggregateIdOf(command)).isEqualTo("sku-1");
    }

    @Test
    void a_command_without_expected_version_or_causation_comes_back_without_them() {
        var sent = new CommandEnvelope<InventoryCommand>(commandMetadataWithoutOptionals("sku-1"),
                new InventoryCommand.AddStock("sku-1", 1));

        assertThat(mapping.decodeCommand(COMMANDS, headers(), mapping.encodeCommand(COMMANDS, headers(), sent)))
                .isEqualTo(sent);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void every_event_comes_back_from_its_bytes_with_its_metadata(InventoryEvent event) {
        var appended = new EventEnvelope<>(eventMetadata("inventory", "sku-1"), event);
        Headers headers = headers();
        byte[] bytes = mapping.encodeEvent(EVENTS, headers, appended);

        assertThat(mapping.decodeEvent(EVENTS, headers, bytes)).isEqualTo(appended);
        assertThat(eventTypeHeader(headers)).isEqualTo(mapping.eventTypeOf(event));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void every_state_comes_back_from_its_snapshot_with_version_and_time(InventoryState state) {
        var stored = new StoredAggregate<>(7, UPDATED_AT, state);

        assertThat(mapping.decodeState(STORE, "sku-1", mapping.encodeState(STORE, stored))).isEqualTo(stored);
    }

    @Test
    void a_sku_settling_order_after_order_keeps_a_snapshot_of_bounded_size() {
        var decider = new InventoryDecider();
        InventoryState state = decider.evolve(InventoryState.empty(), new InventoryEvent.StockAdded("sku-1", 1_000_000));
        int sizeAtTheBound = 0;
        for (int i = 1; i <= 5 * InventoryState.SETTLEMENTS_REMEMBERED; i++) {
            String order = UUID.nameUUIDFromBytes(("order-" + i).getBytes(StandardCharsets.UTF_8)).toString();
            state = decider.evolve(state, new InventoryEvent.StockReserved("sku-1", order, 1));
            state = decider.evolve(state, new InventoryEvent.StockCommitted("sku-1", order, 1));
            if (i == InventoryState.SETTLEMENTS_REMEMBERED) {
                sizeAtTheBound = mapping.encodeState(STORE, new StoredAggregate<>(2L * i + 1, UPDATED_AT, state)).length;
            }
        }
        var stored = new StoredAggregate<>(10_001, UPDATED_AT, state);
        byte[] bytes = mapping.encodeState(STORE, stored);

        assertThat(bytes.length).as("five times the orders, the same size").isLessThanOrEqualTo(sizeAtTheBound + 8)
                .isLessThan(64 * 1024);
        assertThat(mapping.decodeState(STORE, "sku-1", bytes)).isEqualTo(stored);
    }

    @Test
    void equal_states_give_equal_snapshot_bytes() {
        var one = new InventoryState(10, Map.of("o-1", 3, "o-2", 2, "o-3", 1), List.of("o-9", "o-7", "o-8"));
        var other = new InventoryState(10, Map.of("o-3", 1, "o-2", 2, "o-1", 3), List.of("o-9", "o-7", "o-8"));

        assertThat(mapping.encodeState(STORE, new StoredAggregate<>(1, UPDATED_AT, one)))
                .isEqualTo(mapping.encodeState(STORE, new StoredAggregate<>(1, UPDATED_AT, other)));
    }

    @Test
    void bytes_that_are_not_in_the_wire_format_are_undecodable() {
        assertThat(undecodable(() -> mapping.decodeCommand(COMMANDS, headers(), NOT_WIRE_FORMAT)).reason())
                .isEqualTo(Reason.NOT_WIRE_FORMAT);
        assertThat(undecodable(() -> mapping.decodeEvent(EVENTS, headers(), NOT_WIRE_FORMAT))).isNotNull();
        assertThat(undecodable(() -> mapping.decodeState(STORE, "sku-1", NOT_WIRE_FORMAT))).isNotNull();
    }

    @Test
    void random_payloads_are_decoded_or_undecodable_and_nothing_else() {
        var reserve = new CommandEnvelope<>(commandMetadata("sku-1"), commands().toList().get(1));
        var reserved = new EventEnvelope<>(eventMetadata("inventory", "sku-1"), events().toList().get(1));
        var stored = new StoredAggregate<>(3, UPDATED_AT, states().toList().get(1));

        assertGarbageIsDecodedOrUndecodable(mapping.encodeCommand(COMMANDS, headers(), reserve),
                bytes -> mapping.decodeCommand(COMMANDS, headers(), bytes));
        assertGarbageIsDecodedOrUndecodable(mapping.encodeEvent(EVENTS, headers(), reserved),
                bytes -> mapping.decodeEvent(EVENTS, headers(), bytes));
        assertGarbageIsDecodedOrUndecodable(mapping.encodeState(STORE, stored), bytes -> mapping.decodeState(STORE, "sku-1", bytes));
    }

    @Test
    void an_event_of_a_type_this_service_does_not_know_is_undecodable() {
        byte[] bytes = envelopeWithUnknownPayload(InventoryEventEnvelope.getClassSchema(), "newer.inventory.events", registry);

        assertThat(undecodable(() -> mapping.decodeEvent(EVENTS, headers(), bytes)).reason())
                .isEqualTo(Reason.INCOMPATIBLE_WRITER_SCHEMA);
    }

    @Test
    void a_snapshot_where_one_order_holds_two_reservations_is_undecodable() {
        byte[] bytes = snapshot(new InventorySnapshot(10L,
                List.of(new Reservation("o-1", 3), new Reservation("o-1", 4)), List.of()));

        var e = undecodable(() -> mapping.decodeState(STORE, "sku-1", bytes));
        assertThat(e.reason()).isEqualTo(Reason.UNREADABLE_PAYLOAD);
        assertThat(e).hasMessageContaining("reservations names o-1 twice");
    }

    @Test
    void a_snapshot_that_settles_an_order_twice_is_undecodable() {
        byte[] bytes = snapshot(new InventorySnapshot(10L, List.of(), List.of("o-1", "o-1")));

        assertThat(undecodable(() -> mapping.decodeState(STORE, "sku-1", bytes))).hasMessageContaining("settledOrders names o-1 twice");
    }

    private byte[] snapshot(InventorySnapshot snapshot) {
        return AvroSerde.forValues(InventoryAggregate.class, registry).serializer()
                .serialize(STORE, new InventoryAggregate(1L, UPDATED_AT, snapshot));
    }
}
