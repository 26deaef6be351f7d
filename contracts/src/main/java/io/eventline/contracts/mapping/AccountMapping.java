package io.eventline.contracts.mapping;

import static io.eventline.contracts.mapping.Decoding.check;
import static io.eventline.contracts.mapping.Decoding.distinct;
import static io.eventline.contracts.mapping.Decoding.required;
import static io.eventline.contracts.mapping.Decoding.uniqueKeys;
import static io.eventline.contracts.mapping.Decoding.unknownPayload;

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
import java.util.List;

/** Customers' accounts as {@link AccountCommandEnvelope}, {@link AccountEventEnvelope} and {@link AccountAggregate}. */
public final class AccountMapping
        extends EnvelopeMapping<AccountCommand, AccountState, AccountEvent,
                AccountCommandEnvelope, AccountEventEnvelope, AccountAggregate> {

    public AccountMapping(SchemaRegistry registry) {
        super(registry, AccountCommandEnvelope.class, AccountCommandEnvelope::new,
                AccountEventEnvelope.class, AccountEventEnvelope::new,
                AccountAggregate.class, AccountAggregate::new);
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

    @Override
    protected AccountCommand command(Object payload) {
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

    @Override
    protected Object commandPayload(AccountCommand command) {
        return switch (command) {
            case AccountCommand.OpenAccount c -> new OpenAccount(c.customerId(), c.currency());
            case AccountCommand.DepositMoney c -> new DepositMoney(c.customerId(), c.amount());
            case AccountCommand.ChargePayment c -> new ChargePayment(c.customerId(), c.orderId(), c.amount(), c.currency());
            case AccountCommand.RefundPayment c -> new RefundPayment(c.customerId(), c.orderId());
            case AccountCommand.CloseAccount c -> new CloseAccount(c.customerId());
        };
    }

    @Override
    protected AccountEvent event(Object payload) {
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

    @Override
    protected Object eventPayload(AccountEvent event) {
        return switch (event) {
            case AccountEvent.AccountOpened e -> new AccountOpened(e.customerId(), e.currency());
            case AccountEvent.MoneyDeposited e -> new MoneyDeposited(e.customerId(), e.amount());
            case AccountEvent.PaymentCharged e -> new PaymentCharged(e.customerId(), e.orderId(), e.amount());
            case AccountEvent.PaymentDeclined e -> new PaymentDeclined(e.customerId(), e.orderId(), e.amount(), e.reason());
            case AccountEvent.PaymentRefunded e -> new PaymentRefunded(e.customerId(), e.orderId(), e.amount());
            case AccountEvent.AccountClosed e -> new AccountClosed(e.customerId());
        };
    }

    @Override
    protected AccountState state(String aggregateId, Object snapshot) {
        AccountSnapshot s = (AccountSnapshot) snapshot;
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

    @Override
    protected AccountSnapshot snapshot(AccountState state) {
        return switch (state) {
            case AccountState.NotOpened s -> new AccountSnapshot(AccountStatus.NOT_OPENED, null, 0L, List.of(), List.of());
            case AccountState.Open s -> snapshot(AccountStatus.OPEN, s.ledger());
            case AccountState.Closed s -> snapshot(AccountStatus.CLOSED, s.ledger());
        };
    }

    private static AccountSnapshot snapshot(AccountStatus status, Ledger ledger) {
        // Charges in the order they were made (which decides the first forgotten), refunds sorted: the
        // same history always gives the same bytes.
        List<Charge> charges = ledger.charges().entrySet().stream()
                .map(c -> new Charge(c.getKey(), c.getValue()))
                .toList();
        return new AccountSnapshot(status, ledger.currency(), ledger.balance(), charges,
                List.copyOf(ledger.refundedOrders()));
    }
}
