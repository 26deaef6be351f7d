package io.eventline.command.mapping;

import static io.eventline.command.mapping.Decoding.check;
import static io.eventline.command.mapping.Decoding.distinct;
import static io.eventline.command.mapping.Decoding.nullable;
import static io.eventline.command.mapping.Decoding.optional;
import static io.eventline.command.mapping.Decoding.optionalLong;
import static io.eventline.command.mapping.Decoding.required;
import static io.eventline.command.mapping.Decoding.uniqueKeys;
import static io.eventline.command.mapping.Decoding.unknownPayload;

import io.eventline.command.AggregateCodec;
import io.eventline.command.CommandEnvelope;
import io.eventline.command.CommandMetadata;
import io.eventline.command.EventEnvelope;
import io.eventline.command.EventMetadata;
import io.eventline.command.StoredAggregate;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.account.AccountState;
import io.eventline.domain.account.Ledger;
import io.eventline.schemas.avro.account.AccountAggregate;
import io.eventline.schemas.avro.account.AccountClosed;
import io.eventline.schemas.avro.account.AccountCommandEnvelope;
import io.eventline.schemas.avro.account.AccountEventEnvelope;
import io.eventline.schemas.avro.account.AccountOpened;
import io.eventline.schemas.avro.account.AccountSnapshot;
import io.eventline.schemas.avro.account.AccountStatus;
import io.eventline.schemas.avro.account.Charge;
import io.eventline.schemas.avro.account.ChargePayment;
import io.eventline.schemas.avro.account.CloseAccount;
import io.eventline.schemas.avro.account.DepositMoney;
import io.eventline.schemas.avro.account.MoneyDeposited;
import io.eventline.schemas.avro.account.OpenAccount;
import io.eventline.schemas.avro.account.PaymentCharged;
import io.eventline.schemas.avro.account.PaymentDeclined;
import io.eventline.schemas.avro.account.PaymentRefunded;
import io.eventline.schemas.avro.account.RefundPayment;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/** Customers' accounts as {@link AccountCommandEnvelope}, {@link AccountEventEnvelope} and {@link AccountAggregate}. */
public final class AccountMapping implements AggregateCodec<AccountCommand, AccountState, AccountEvent> {

    private final AvroSerde<AccountCommandEnvelope> commands;
    private final AvroSerde<AccountEventEnvelope> events;
    private final AvroSerde<AccountAggregate> states;

    public AccountMapping(SchemaRegistry registry) {
        this.commands = AvroSerde.forValues(AccountCommandEnvelope.class, registry);
        this.events = AvroSerde.forValues(AccountEventEnvelope.class, registry);
        this.states = AvroSerde.forValues(AccountAggregate.class, registry);
    }

    @Override
    public CommandEnvelope<AccountCommand> decodeCommand(String topic, Headers headers, byte[] value) {
        return Decoding.decode(commands, topic, headers, value, c -> new CommandEnvelope<>(
                new CommandMetadata(c.getCommandId(), c.getAggregateId(), optionalLong(c.getExpectedVersion()),
                        c.getIssuedAt(), c.getCorrelationId(), optional(c.getCausationId()), c.getActor()),
                command(c.getPayload())));
    }

    @Override
    public byte[] encodeCommand(String topic, Headers headers, CommandEnvelope<AccountCommand> command) {
        CommandMetadata m = command.metadata();
        return commands.serializer().serialize(topic, headers, AccountCommandEnvelope.newBuilder()
                .setCommandId(m.commandId()).setAggregateId(m.aggregateId())
                .setExpectedVersion(nullable(m.expectedVersion())).setIssuedAt(m.issuedAt())
                .setCorrelationId(m.correlationId()).setCausationId(m.causationId().orElse(null)).setActor(m.actor())
                .setPayload(payload(command.command()))
                .build());
    }

    @Override
    public EventEnvelope<AccountEvent> decodeEvent(String topic, Headers headers, byte[] value) {
        return Decoding.decode(events, topic, headers, value, e -> new EventEnvelope<>(
                new EventMetadata(e.getEventId(), e.getAggregateType(), e.getAggregateId(), e.getVersion(),
                        e.getOccurredAt(), e.getCommandId(), e.getCorrelationId(), optional(e.getCausationId()), e.getActor()),
                event(e.getPayload())));
    }

    @Override
    public byte[] encodeEvent(String topic, Headers headers, EventEnvelope<AccountEvent> event) {
        EventMetadata m = event.metadata();
        return events.serializer().serialize(topic, headers, AccountEventEnvelope.newBuilder()
                .setEventId(m.eventId()).setAggregateType(m.aggregateType()).setAggregateId(m.aggregateId())
                .setVersion(m.version()).setOccurredAt(m.occurredAt()).setCommandId(m.commandId())
                .setCorrelationId(m.correlationId()).setCausationId(m.causationId().orElse(null)).setActor(m.actor())
                .setPayload(payload(event.event()))
                .build());
    }

    @Override
    public StoredAggregate<AccountState> decodeState(String subjectTopic, String aggregateId, byte[] value) {
        return Decoding.decode(states, subjectTopic, null, value,
                a -> new StoredAggregate<>(a.getVersion(), a.getUpdatedAt(), state(a.getState())));
    }

    @Override
    public byte[] encodeState(String subjectTopic, StoredAggregate<AccountState> state) {
        return states.serializer().serialize(subjectTopic,
                new AccountAggregate(state.version(), state.updatedAt(), snapshot(state.state())));
    }

    @Override
    public String aggregateIdOf(AccountCommand command) {
        return command.aggregateId();
    }

    @Override
    public String eventTypeOf(AccountEvent event) {
        return switch (event) {
            case AccountEvent.AccountOpened e -> "AccountOpened";
            case AccountEvent.MoneyDeposited e -> "MoneyDeposited";
            case AccountEvent.PaymentCharged e -> "PaymentCharged";
            case AccountEvent.PaymentDeclined e -> "PaymentDeclined";
            case AccountEvent.PaymentRefunded e -> "PaymentRefunded";
            case AccountEvent.AccountClosed e -> "AccountClosed";
        };
    }

    @Override
    public String commandTypeOf(AccountCommand command) {
        return switch (command) {
            case AccountCommand.OpenAccount c -> "OpenAccount";
            case AccountCommand.DepositMoney c -> "DepositMoney";
            case AccountCommand.ChargePayment c -> "ChargePayment";
            case AccountCommand.RefundPayment c -> "RefundPayment";
            case AccountCommand.CloseAccount c -> "CloseAccount";
        };
    }

    private static AccountCommand command(Object payload) {
        return switch (payload) {
            case OpenAccount p -> new AccountCommand.OpenAccount(p.getCustomerId(), p.getCurrency());
            case DepositMoney p -> new AccountCommand.DepositMoney(p.getCustomerId(), p.getAmount());
            case ChargePayment p ->
                    new AccountCommand.ChargePayment(p.getCustomerId(), p.getOrderId(), p.getAmount(), p.getCurrency());
            case RefundPayment p -> new AccountCommand.RefundPayment(p.getCustomerId(), p.getOrderId());
            case CloseAccount p -> new AccountCommand.CloseAccount(p.getCustomerId());
            case null, default -> throw unknownPayload(payload);
        };
    }

    private static Object payload(AccountCommand command) {
        return switch (command) {
            case AccountCommand.OpenAccount c -> new OpenAccount(c.customerId(), c.currency());
            case AccountCommand.DepositMoney c -> new DepositMoney(c.customerId(), c.amount());
            case AccountCommand.ChargePayment c -> new ChargePayment(c.customerId(), c.orderId(), c.amount(), c.currency());
            case AccountCommand.RefundPayment c -> new RefundPayment(c.customerId(), c.orderId());
            case AccountCommand.CloseAccount c -> new CloseAccount(c.customerId());
        };
    }

    private static AccountEvent event(Object payload) {
        return switch (payload) {
            case AccountOpened p -> new AccountEvent.AccountOpened(p.getCustomerId(), p.getCurrency());
            case MoneyDeposited p -> new AccountEvent.MoneyDeposited(p.getCustomerId(), p.getAmount());
            case PaymentCharged p -> new AccountEvent.PaymentCharged(p.getCustomerId(), p.getOrderId(), p.getAmount());
            case PaymentDeclined p ->
                    new AccountEvent.PaymentDeclined(p.getCustomerId(), p.getOrderId(), p.getAmount(), p.getReason());
            case PaymentRefunded p -> new AccountEvent.PaymentRefunded(p.getCustomerId(), p.getOrderId(), p.getAmount());
            case AccountClosed p -> new AccountEvent.AccountClosed(p.getCustomerId());
            case null, default -> throw unknownPayload(payload);
        };
    }

    private static Object payload(AccountEvent event) {
        return switch (event) {
            case AccountEvent.AccountOpened e -> new AccountOpened(e.customerId(), e.currency());
            case AccountEvent.MoneyDeposited e -> new MoneyDeposited(e.customerId(), e.amount());
            case AccountEvent.PaymentCharged e -> new PaymentCharged(e.customerId(), e.orderId(), e.amount());
            case AccountEvent.PaymentDeclined e -> new PaymentDeclined(e.customerId(), e.orderId(), e.amount(), e.reason());
            case AccountEvent.PaymentRefunded e -> new PaymentRefunded(e.customerId(), e.orderId(), e.amount());
            case AccountEvent.AccountClosed e -> new AccountClosed(e.customerId());
        };
    }

    private static AccountState state(AccountSnapshot s) {
        return switch (required(s.getStatus(), "status")) {
            case NOT_OPENED -> {
                check(s.getCurrency() == null && s.getBalance() == 0 && s.getCharges().isEmpty()
                        && s.getRefundedOrders().isEmpty(), "NOT_OPENED with the ledger of an opened account");
                yield new AccountState.NotOpened();
            }
            case OPEN -> new AccountState.Open(ledger(s));
            case CLOSED -> new AccountState.Closed(ledger(s));
        };
    }

    private static Ledger ledger(AccountSnapshot s) {
        return new Ledger(required(s.getCurrency(), "currency"), s.getBalance(),
                uniqueKeys(s.getCharges(), Charge::getOrderId, Charge::getAmount, "charges"),
                distinct(s.getRefundedOrders(), "refundedOrders"));
    }

    private static AccountSnapshot snapshot(AccountState state) {
        return switch (state) {
            case AccountState.NotOpened s -> new AccountSnapshot(AccountStatus.NOT_OPENED, null, 0L, List.of(), List.of());
            case AccountState.Open s -> snapshot(AccountStatus.OPEN, s.ledger());
            case AccountState.Closed s -> snapshot(AccountStatus.CLOSED, s.ledger());
        };
    }

    private static AccountSnapshot snapshot(AccountStatus status, Ledger ledger) {
        // The ledger's map and set are sorted: the same state always gives the same bytes.
        List<Charge> charges = ledger.charges().entrySet().stream()
                .map(c -> new Charge(c.getKey(), c.getValue()))
                .toList();
        return new AccountSnapshot(status, ledger.currency(), ledger.balance(), charges,
                List.copyOf(ledger.refundedOrders()));
    }
}
