package io.eventline.domain.account;

import io.eventline.domain.account.AccountCommand.ChargePayment;
import io.eventline.domain.account.AccountCommand.CloseAccount;
import io.eventline.domain.account.AccountCommand.DepositMoney;
import io.eventline.domain.account.AccountCommand.OpenAccount;
import io.eventline.domain.account.AccountCommand.RefundPayment;
import io.eventline.domain.account.AccountEvent.AccountClosed;
import io.eventline.domain.account.AccountEvent.AccountOpened;
import io.eventline.domain.account.AccountEvent.MoneyDeposited;
import io.eventline.domain.account.AccountEvent.PaymentCharged;
import io.eventline.domain.account.AccountEvent.PaymentDeclined;
import io.eventline.domain.account.AccountEvent.PaymentRefunded;
import io.eventline.domain.account.AccountState.Closed;
import io.eventline.domain.account.AccountState.NotOpened;
import io.eventline.domain.account.AccountState.Open;
import io.eventline.domain.core.Currencies;
import io.eventline.domain.core.Decider;
import io.eventline.domain.core.Rejection;
import java.util.List;

/**
 * A customer's account. The balance never goes below zero: a charge that does not fit, or that is in
 * another currency, becomes {@link PaymentDeclined}, an outcome the saga reacts to. An order is
 * charged once and refunded once, as far back as the ledger remembers its charges; a closed
 * account accepts nothing.
 */
public final class AccountDecider implements Decider<AccountCommand, AccountState, AccountEvent> {

    public static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";
    public static final String CURRENCY_MISMATCH = "CURRENCY_MISMATCH";

    @Override
    public AccountState initialState() {
        return new NotOpened();
    }

    @Override
    public List<AccountEvent> decide(AccountCommand command, AccountState state) {
        String id = command.customerId();
        return switch (command) {
            case OpenAccount open -> switch (state) {
                case NotOpened s when !Currencies.isCode(open.currency()) -> throw invalidCurrency(open.currency());
                case NotOpened s -> List.of(new AccountOpened(id, open.currency()));
                case Open s -> throw new Rejection("ACCOUNT_ALREADY_OPEN", "account " + id + " is already open");
                case Closed s -> throw closed(id);
            };
            case DepositMoney deposit -> {
                Ledger ledger = openLedger(state, id);
                requirePositive(deposit.amount());
                requireRoomFor(ledger, deposit.amount());
                yield List.of(new MoneyDeposited(id, deposit.amount()));
            }
            case ChargePayment charge -> charge(charge, openLedger(state, id));
            case RefundPayment refund -> {
                Ledger ledger = openLedger(state, id);
                Long charged = ledger.charges().get(refund.orderId());
                if (charged == null) {
                    throw new Rejection("CHARGE_NOT_FOUND", "order " + refund.orderId()
                            + " was never charged, or not among the account's last " + Ledger.CHARGES_REMEMBERED + " charges");
                }
                if (ledger.refundedOrders().contains(refund.orderId())) {
                    throw new Rejection("ALREADY_REFUNDED", "order " + refund.orderId() + " was already refunded");
                }
                requireRoomFor(ledger, charged);
                yield List.of(new PaymentRefunded(id, refund.orderId(), charged));
            }
            case CloseAccount close -> {
                openLedger(state, id);
                yield List.of(new AccountClosed(id));
            }
        };
    }

    /** The ledger of an account that accepts commands, which only an open one does. */
    private static Ledger openLedger(AccountState state, String id) {
        return switch (state) {
            case NotOpened s -> throw new Rejection("ACCOUNT_NOT_OPEN", "account " + id + " is not open");
            case Open s -> s.ledger();
            case Closed s -> throw closed(id);
        };
    }

    private static List<AccountEvent> charge(ChargePayment charge, Ledger ledger) {
        requirePositive(charge.amount());
        if (!Currencies.isCode(charge.currency())) {
            throw invalidCurrency(charge.currency());
        }
        if (ledger.charges().containsKey(charge.orderId())) {
            return List.of();
        }
        String declined = !charge.currency().equals(ledger.currency()) ? CURRENCY_MISMATCH
                : charge.amount() > ledger.balance() ? INSUFFICIENT_FUNDS
                : null;
        return List.of(declined != null
                ? new PaymentDeclined(charge.customerId(), charge.orderId(), charge.amount(), declined)
                : new PaymentCharged(charge.customerId(), charge.orderId(), charge.amount()));
    }

    @Override
    public AccountState evolve(AccountState state, AccountEvent event) {
        return switch (event) {
            case AccountOpened opened -> new Open(Ledger.opened(opened.currency()));
            case MoneyDeposited deposited -> new Open(ledger(state).deposited(deposited.amount()));
            case PaymentCharged charged -> new Open(ledger(state).charged(charged.orderId(), charged.amount()));
            case PaymentDeclined declined -> state;
            case PaymentRefunded refunded -> new Open(ledger(state).refunded(refunded.orderId(), refunded.amount()));
            case AccountClosed closed -> new Closed(ledger(state));
        };
    }

    private static Ledger ledger(AccountState state) {
        return switch (state) {
            case NotOpened s -> throw new IllegalStateException("account event before AccountOpened: corrupt history");
            case Open s -> s.ledger();
            case Closed s -> s.ledger();
        };
    }

    /** Balances are exact: one that would pass Long.MAX_VALUE minor units is refused, never wrapped. */
    private static void requireRoomFor(Ledger ledger, long amount) {
        if (amount > Long.MAX_VALUE - ledger.balance()) {
            throw new Rejection("BALANCE_OVERFLOW", "the balance of " + ledger.balance() + " plus " + amount
                    + " would exceed " + Long.MAX_VALUE + " minor units");
        }
    }

    private static void requirePositive(long amount) {
        if (amount <= 0) {
            throw new Rejection("INVALID_AMOUNT", "amount must be > 0, not " + amount);
        }
    }

    private static Rejection invalidCurrency(String currency) {
        return new Rejection("INVALID_CURRENCY", "not an ISO-4217 code: " + currency);
    }

    private static Rejection closed(String id) {
        return new Rejection("ACCOUNT_CLOSED", "account " + id + " is closed");
    }
}
