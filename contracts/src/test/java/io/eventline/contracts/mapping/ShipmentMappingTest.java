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
import io.eventline.domain.core.Rejection;
import io.eventline.domain.shipment.ShipmentCommand;
import io.eventline.domain.shipment.ShipmentDecider;
import io.eventline.domain.shipment.ShipmentEvent;
import io.eventline.domain.shipment.ShipmentLine;
import io.eventline.domain.shipment.ShipmentState;
import io.eventline.schemas.avro.shipment.ShipmentAggregate;
import io.eventline.schemas.avro.shipment.ShipmentCommandEnvelope;
import io.eventline.schemas.avro.shipment.ShipmentSnapshot;
import io.eventline.schemas.avro.shipment.ShipmentStatus;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.schemas.serde.UndecodableRecordException.Reason;
import io.eventline.schemas.topics.Topics;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShipmentMappingTest {

    private static final String COMMANDS = Topics.defaults().commands("shipment");
    private static final String EVENTS = Topics.defaults().events("shipment");
    private static final String STORE = "command-service-shipment-aggregates-changelog";
    private static final List<ShipmentLine> LINES = List.of(new ShipmentLine("sku-1", 2), new ShipmentLine("sku-2", 1));

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final ShipmentMapping mapping = new ShipmentMapping(registry);

    static Stream<ShipmentCommand> commands() {
        return Stream.of(new ShipmentCommand.CreateShipment("o-1", LINES), new ShipmentCommand.DispatchShipment("o-1"),
                new ShipmentCommand.DeliverShipment("o-1"));
    }

    static Stream<ShipmentEvent> events() {
        return Stream.of(new ShipmentEvent.ShipmentCreated("o-1", LINES), new ShipmentEvent.ShipmentDispatched("o-1"),
                new ShipmentEvent.ShipmentDelivered("o-1"));
    }

    static Stream<ShipmentState> states() {
        return Stream.of(new ShipmentState.NotCreated(), new ShipmentState.Created("o-1", LINES),
                new ShipmentState.Dispatched("o-1", LINES), new ShipmentState.Delivered("o-1", LINES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void every_command_comes_back_from_its_bytes_with_its_metadata(ShipmentCommand command) {
        var sent = new CommandEnvelope<>(commandMetadata("o-1"), command);
        Headers headers = headers();
        byte[] bytes = mapping.encodeCommand(COMMANDS, headers, sent);

        assertThat(mapping.decodeCommand(COMMANDS, headers, bytes)).isEqualTo(sent);
        assertThat(eventTypeHeader(headers)).isEqualTo(mapping.commandTypeOf(command));
        assertThat(mapping.aggregateIdOf(command)).isEqualTo("o-1");
    }

    @Test
    void a_command_without_expected_version_or_causation_comes_back_without_them() {
        var sent = new CommandEnvelope<ShipmentCommand>(commandMetadataWithoutOptionals("o-1"),
                new ShipmentCommand.DispatchShipment("o-1"));

        assertThat(mapping.decodeCommand(COMMANDS, headers(), mapping.encodeCommand(COMMANDS, headers(), sent)))
                .isEqualTo(sent);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void every_event_comes_back_from_its_bytes_with_its_metadata(ShipmentEvent event) {
        var appended = new EventEnvelope<>(eventMetadata("shipment", "o-1"), event);
        Headers headers = headers();
        byte[] bytes = mapping.encodeEvent(EVENTS, headers, appended);

        assertThat(mapping.decodeEvent(EVENTS, headers, bytes)).isEqualTo(appended);
        assertThat(eventTypeHeader(headers)).isEqualTo(mapping.eventTypeOf(event));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void every_state_comes_back_from_its_snapshot_with_version_and_time(ShipmentState state) {
        var stored = new StoredAggregate<>(7, UPDATED_AT, state);

        StoredAggregate<ShipmentState> decoded = mapping.decodeState(STORE, "o-1", mapping.encodeState(STORE, stored));

        assertThat(decoded).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void a_state_read_back_from_its_snapshot_decides_every_command_as_the_original_does(ShipmentState state) {
        var decider = new ShipmentDecider();
        ShipmentState decoded = mapping.decodeState(STORE, "o-1", mapping.encodeState(STORE, new StoredAggregate<>(1, UPDATED_AT, state))).state();

        commands().forEach(command ->
                assertThat(outcome(decider, command, decoded)).as("%s", command).isEqualTo(outcome(decider, command, state)));
    }

    @Test
    void bytes_that_are_not_in_the_wire_format_are_undecodable() {
        assertThat(undecodable(() -> mapping.decodeCommand(COMMANDS, headers(), NOT_WIRE_FORMAT)).reason())
                .isEqualTo(Reason.NOT_WIRE_FORMAT);
        assertThat(undecodable(() -> mapping.decodeEvent(EVENTS, headers(), NOT_WIRE_FORMAT))).isNotNull();
        assertThat(undecodable(() -> mapping.decodeState(STORE, "o-1", NOT_WIRE_FORMAT))).isNotNull();
    }

    @Test
    void random_payloads_are_decoded_or_undecodable_and_nothing_else() {
        var create = new CommandEnvelope<>(commandMetadata("o-1"), commands().findFirst().orElseThrow());
        var created = new EventEnvelope<>(eventMetadata("shipment", "o-1"), events().findFirst().orElseThrow());
        var stored = new StoredAggregate<ShipmentState>(2, UPDATED_AT, new ShipmentState.Dispatched("o-1", LINES));

        assertGarbageIsDecodedOrUndecodable(mapping.encodeCommand(COMMANDS, headers(), create),
                bytes -> mapping.decodeCommand(COMMANDS, headers(), bytes));
        assertGarbageIsDecodedOrUndecodable(mapping.encodeEvent(EVENTS, headers(), created),
                bytes -> mapping.decodeEvent(EVENTS, headers(), bytes));
        assertGarbageIsDecodedOrUndecodable(mapping.encodeState(STORE, stored), bytes -> mapping.decodeState(STORE, "o-1", bytes));
    }

    @Test
    void a_command_of_a_type_this_service_does_not_know_is_undecodable() {
        byte[] bytes = envelopeWithUnknownPayload(ShipmentCommandEnvelope.getClassSchema(), "newer.shipment.commands", registry);

        assertThat(undecodable(() -> mapping.decodeCommand(COMMANDS, headers(), bytes)).reason())
                .isEqualTo(Reason.INCOMPATIBLE_WRITER_SCHEMA);
    }

    @Test
    void a_snapshot_of_another_aggregate_type_is_undecodable() {
        byte[] order = new OrderMapping(registry).encodeState(STORE, new StoredAggregate<>(1, UPDATED_AT,
                new io.eventline.domain.order.OrderState.NotPlaced()));

        assertThat(undecodable(() -> mapping.decodeState(STORE, "o-1", order)).reason()).isEqualTo(Reason.INCOMPATIBLE_WRITER_SCHEMA);
    }

    @Test
    void a_not_created_snapshot_with_lines_is_undecodable() {
        byte[] bytes = AvroSerde.forValues(ShipmentAggregate.class, registry).serializer().serialize(STORE,
                new ShipmentAggregate(1L, UPDATED_AT, new ShipmentSnapshot(ShipmentStatus.NOT_CREATED,
                        List.of(new io.eventline.schemas.avro.shipment.ShipmentLine("sku-1", 1)))));

        var e = undecodable(() -> mapping.decodeState(STORE, "o-1", bytes));
        assertThat(e.reason()).isEqualTo(Reason.UNREADABLE_PAYLOAD);
        assertThat(e).hasMessageContaining("NOT_CREATED");
    }

    private static Object outcome(ShipmentDecider decider, ShipmentCommand command, ShipmentState state) {
        try {
            return decider.decide(command, state);
        } catch (Rejection r) {
            return r.toString();
        }
    }
}
