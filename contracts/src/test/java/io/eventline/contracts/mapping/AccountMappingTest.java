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
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.StoredAggregate;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.account.AccountState;
import io.eventline.domain.account.Ledger;
import io.eventline.schemas.avro.account.AccountAggregate;
import io.eventline.schemas.avro.account.AccountCommandEnvelope;
import io.eventline.schemas.avro.account.AccountSnapshot;
import io.eventline.schemas.avro.account.AccountStatus;
import io.eventline.schemas.avro.account.Charge;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.schemas.serde.UndecodableRecordException.Reason;
import io.eventline.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AccountMappingTest {

    private static final String COMMANDS = Topics.defaults().commands("account");
    private static final String EVENTS = Topics.defaults().events("account");
    private static final String STORE = "command-service-account-aggregates-changelog";
    private static final Ledger LEDGER = new Ledger("EUR", 7_500, Map.of("o-2", 1_000L, "o-1", 2_500L), Set.of("o-1"));

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AccountMapping mapping = new AccountMapping(registry);

    static Stream<AccountCommand> commands() {
        return Stream.of(new AccountCommand.OpenAccount("c-1", "EUR"), new AccountCommand.DepositMoney("c-1", 10_000),
                new AccountCommand.ChargePayment("c-1", "o-1", 2_500, "EUR"), new AccountCommand.RefundPayment("c-1", "o-1"),
                new AccountCommand.CloseAccount("c-1"));
    }

    static Stream<AccountEvent> events() {
        return Stream.of(new AccountEvent.AccountOpened("c-1", "EUR"), new AccountEvent.MoneyDeposited("c-1", 10_000),
                new AccountEvent.PaymentCharged("c-1", "o-1", 2_500),
                new AccountEvent.PaymentDeclined("c-1", "o-3", 99_999, "INSUFFICIENT_FUNDS"),
                new AccountEvent.PaymentRefunded("c-1", "o-1", 2_500), new AccountEvent.AccountClosed("c-1"));
    }

    static Stream<AccountState> states() {
        return Stream.of(new AccountState.NotOpened(), new AccountState.Open(new Ledger("EUR", 0, Map.of(), Set.of())),
                new AccountState.Open(LEDGER), new AccountState.Closed(LEDGER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void every_command_comes_back_from_its_bytes_with_its_metadata(AccountCommand command) {
        var sent = new CommandEnvelope<>(commandMetadata("c-1"), command);
        Headers headers = headers();
        byte[] bytes = mapping.encodeCommand(COMMANDS, headers, sent);

        assertThat(mapping.decodeCommand(COMMANDS, headers, bytes)).isEqualTo(sent);
        assertThat(eventTypeHeader(headers)).isEqualTo(mapping.commandTypeOf(command));
        assertThat(mapping.aggregateIdOf(command)).isEqualTo("c-1");
    }

    @Test
    void a_command_without_expected_version_or_causation_comes_back_without_them() {
        var sent = new CommandEnvelope<AccountCommand>(commandMetadataWithoutOptionals("c-1"),
                new AccountCommand.DepositMoney("c-1", 5));

        assertThat(mapping.decodeCommand(COMMANDS, headers(), mapping.encodeCommand(COMMANDS, headers(), sent)))
                .isEqualTo(sent);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void every_event_comes_back_from_its_bytes_with_its_metadata(AccountEvent event) {
        var appended = new EventEnvelope<>(eventMetadata("account", "c-1"), event);
        Headers headers = headers();
        byte[] bytes = mapping.encodeEvent(EVENTS, headers, appended);

        assertThat(mapping.decodeEvent(EVENTS, headers, bytes)).isEqualTo(appended);
        assertThat(eventTypeHeader(headers)).isEqualTo(mapping.eventTypeOf(event));
    }

    @Test
    void an_event_without_causation_comes_back_without_it() {
        var appended = new EventEnvelope<AccountEvent>(eventMetadataWithoutCausation("account", "c-1"),
                new AccountEvent.AccountClosed("c-1"));

        assertThat(mapping.decodeEvent(EVENTS, headers(), mapping.encodeEvent(EVENTS, headers(), appended)))
                .isEqualTo(appended);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void every_state_comes_back_from_its_snapshot_with_version_and_time(AccountState state) {
        var stored = new StoredAggregate<>(7, UPDATED_AT, state);

        assertThat(mapping.decodeState(STORE, "c-1", mapping.encodeState(STORE, stored))).isEqualTo(stored);
    }

    @Test
    void bytes_that_are_not_in_the_wire_format_are_undecodable() {
        assertThat(undecodable(() -> mapping.decodeCommand(COMMANDS, headers(), NOT_WIRE_FORMAT)).reason())
                .isEqualTo(Reason.NOT_WIRE_FORMAT);
        assertThat(undecodable(() -> mapping.decodeEvent(EVENTS, headers(), NOT_WIRE_FORMAT))).isNotNull();
        assertThat(undecodable(() -> mapping.decodeState(STORE, "c-1", NOT_WIRE_FORMAT))).isNotNull();
    }

    @Test
    void random_payloads_are_decoded_or_undecodable_and_nothing_else() {
        var charge = new CommandEnvelope<>(commandMetadata("c-1"), commands().toList().get(2));
        var declined = new EventEnvelope<>(eventMetadata("account", "c-1"), events().toList().get(3));
        var stored = new StoredAggregate<AccountState>(5, UPDATED_AT, new AccountState.Open(LEDGER));

        assertGarbageIsDecodedOrUndecodable(mapping.encodeCommand(COMMANDS, headers(), charge),
                bytes -> mapping.decodeCommand(COMMANDS, headers(), bytes));
        assertGarbageIsDecodedOrUndecodable(mapping.encodeEvent(EVENTS, headers(), declined),
                bytes -> mapping.decodeEvent(EVENTS, headers(), bytes));
        assertGarbageIsDecodedOrUndecodable(mapping.encodeState(STORE, stored), bytes -> mapping.decodeState(STORE, "c-1", bytes));
    }

    @Test
    void a_command_of_a_type_this_service_does_not_know_is_undecodable() {
        byte[] bytes = envelopeWithUnknownPayload(AccountCommandEnvelope.getClassSchema(), "newer.account.commands", registry);

        assertThat(undecodable(() -> mapping.decodeCommand(COMMANDS, headers(), bytes)).reason())
                .isEqualTo(Reason.INCOMPATIBLE_WRITER_SCHEMA);
    }

    @Test
    void an_open_account_snapshot_without_a_currency_is_undecodable() {
        byte[] bytes = snapshot(new AccountSnapshot(AccountStatus.OPEN, null, 0L, List.of(), List.of()));

        var e = undecodable(() -> mapping.decodeState(STORE, "c-1", bytes));
        assertThat(e.reason()).isEqualTo(Reason.UNREADABLE_PAYLOAD);
        assertThat(e).hasMessageContaining("currency is required");
    }

    @Test
    void a_snapshot_that_charges_one_order_twice_is_undecodable() {
        byte[] bytes = snapshot(new AccountSnapshot(AccountStatus.OPEN, "EUR", 0L,
                List.of(new Charge("o-1", 100L), new Charge("o-1", 200L)), List.of()));

        assertThat(undecodable(() -> mapping.decodeState(STORE, "c-1", bytes))).hasMessageContaining("charges names o-1 twice");
    }

    @Test
    void a_not_opened_snapshot_with_a_balance_is_undecodable() {
        byte[] bytes = snapshot(new AccountSnapshot(AccountStatus.NOT_OPENED, null, 100L, List.of(), List.of()));

        assertThat(undecodable(() -> mapping.decodeState(STORE, "c-1", bytes))).hasMessageContaining("NOT_OPENED");
    }

    private byte[] snapshot(AccountSnapshot snapshot) {
        return AvroSerde.forValues(AccountAggregate.class, registry).serializer()
                .serialize(STORE, new AccountAggregate(1L, UPDATED_AT, snapshot));
    }
}
