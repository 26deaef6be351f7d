package io.eventline.domain.account;

import static io.eventline.domain.testing.DeciderSpec.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.eventline.domain.account.AccountState.Open;
import io.eventline.domain.core.Deciders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountDeciderTest {

    static final String BOB = "bob";

    final AccountDecider accounts = new AccountDecider();
    final AccountOpened opened = new AccountOpened(BOB, "EUR");
    final MoneyDeposited hundred = new MoneyDeposited(BOB, 10_000);
    final PaymentCharged charged = new PaymentCharged(BOB, "o1", 2_500);
    final AccountClosed closed = new AccountClosed(BOB);

    @Test
    void opens_an_account_in_a_currency() {
        given(accounts).when(new OpenAccount(BOB, "EUR"))
                .then(opened)
                .thenState(new Open(new Ledger("EUR", 0, Map.of(), Set.of())));
    }

    @Test
    void refuses_to_open_an_account_twice_or_in_no_currency() {
        given(accounts, opened).when(new OpenAccount(BOB, "EUR")).thenRejected("ACCOUNT_ALREADY_OPEN");
        given(accounts).when(new OpenAccount(BOB, "euro")).thenRejected("INVALID_CURRENCY");
    }

    @Test
    void deposits_money() {
        given(accounts, opened).when(new DepositMoney(BOB, 10_000))
                .then(hundred)
                .thenState(new Open(new Ledger("EUR", 10_000, Map.of(), Set.of())));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void refuses_an_amount_that_is_not_positive(long amount) {
        given(accounts, opened).when(new DepositMoney(BOB, amount)).thenRejected("INVALID_AMOUNT");
        given(accounts, opened, hundred).when(new ChargePayment(BOB, "o1", amount, "EUR")).thenRejected("INVALID_AMOUNT");
    }

    @Test
    void refuses_a_deposit_that_would_overflow_the_balance() {
        given(accounts, opened, new MoneyDeposited(BOB, Long.MAX_VALUE)).when(new DepositMoney(BOB, 1))
                .thenRejected("BALANCE_OVERFLOW");
        given(accounts, opened, new MoneyDeposited(BOB, Long.MAX_VALUE - 1)).when(new DepositMoney(BOB, 1))
                .then(new MoneyDeposited(BOB, 1))
                .thenState(new Open(new Ledger("EUR", Long.MAX_VALUE, Map.of(), Set.of())));
    }

    @Test
    void refuses_a_refund_that_would_overflow_a_balance_topped_up_since_the_charge() {
        // Charged 2,500, then deposited up to the largest balance: giving the charge back would wrap.
        given(accounts, opened, hundred, charged, new MoneyDeposited(BOB, Long.MAX_VALUE - 7_500))
                .when(new RefundPayment(BOB, "o1"))
                .thenRejected("BALANCE_OVERFLOW");
        given(accounts, opened, hundred, charged, new MoneyDeposited(BOB, Long.MAX_VALUE - 10_000))
                .when(new RefundPayment(BOB, "o1"))
                .then(new PaymentRefunded(BOB, "o1", 2_500));
    }

    @Test
    void charges_the_largest_balance_exactly() {
        given(accounts, opened, new MoneyDeposited(BOB, Long.MAX_VALUE))
                .when(new ChargePayment(BOB, "o1", Long.MAX_VALUE, "EUR"))
                .then(new PaymentCharged(BOB, "o1", Long.MAX_VALUE))
                .thenState(new Open(new Ledger("EUR", 0, Map.of("o1", Long.MAX_VALUE), Set.of())));
    }

    @Test
    void charges_a_payment_that_the_balance_covers() {
        given(accounts, opened, hundred).when(new ChargePayment(BOB, "o1", 2_500, "EUR"))
                .then(charged)
                .thenState(new Open(new Ledger("EUR", 7_500, Map.of("o1", 2_500L), Set.of())));
        given(accounts, opened, hundred).when(new ChargePayment(BOB, "o1", 10_000, "EUR"))
                .then(new PaymentCharged(BOB, "o1", 10_000));
    }

    @Test
    void declines_a_payment_the_balance_does_not_cover_as_an_event_that_changes_nothing() {
        given(accounts, opened, hundred).when(new ChargePayment(BOB, "o1", 10_001, "EUR"))
                .then(new PaymentDeclined(BOB, "o1", 10_001, "INSUFFICIENT_FUNDS"))
                .thenState(new Open(new Ledger("EUR", 10_000, Map.of(), Set.of())));
    }

    @Test
    void declines_a_payment_in_another_currency() {
        given(accounts, opened, hundred).when(new ChargePayment(BOB, "o1", 100, "USD"))
                .then(new PaymentDeclined(BOB, "o1", 100, "CURRENCY_MISMATCH"));
    }

    @Test
    void refuses_a_payment_in_something_that_is_no_currency() {
        given(accounts, opened, hundred).when(new ChargePayment(BOB, "o1", 100, "E")).thenRejected("INVALID_CURRENCY");
    }

    @Test
    void charging_an_order_already_charged_does_nothing_even_after_its_refund() {
        given(accounts, opened, hundred, charged).when(new ChargePayment(BOB, "o1", 2_500, "EUR")).thenNothing();
        given(accounts, opened, hundred, charged, new PaymentRefunded(BOB, "o1", 2_500))
                .when(new ChargePayment(BOB, "o1", 2_500, "EUR")).thenNothing();
    }

    @Test
    void charges_an_order_that_was_declined_once_money_came_in() {
        given(accounts, opened, new PaymentDeclined(BOB, "o1", 2_500, "INSUFFICIENT_FUNDS"), hundred)
                .when(new ChargePayment(BOB, "o1", 2_500, "EUR")).then(charged);
    }

    @Test
    void refunds_a_charge_in_full() {
        given(accounts, opened, hundred, charged).when(new RefundPayment(BOB, "o1"))
                .then(new PaymentRefunded(BOB, "o1", 2_500))
                .thenState(new Open(new Ledger("EUR", 10_000, Map.of("o1", 2_500L), Set.of("o1"))));
    }

    @Test
    void refuses_to_refund_a_charge_that_never_happened() {
        given(accounts, opened, hundred).when(new RefundPayment(BOB, "o1")).thenRejected("CHARGE_NOT_FOUND");
        given(accounts, opened, new PaymentDeclined(BOB, "o1", 1, "INSUFFICIENT_FUNDS"))
                .when(new RefundPayment(BOB, "o1")).thenRejected("CHARGE_NOT_FOUND");
    }

    @Test
    void refuses_to_refund_twice() {
        given(accounts, opened, hundred, charged, new PaymentRefunded(BOB, "o1", 2_500))
                .when(new RefundPayment(BOB, "o1")).thenRejected("ALREADY_REFUNDED");
    }

    @Test
    void closes_an_open_account_and_keeps_its_ledger() {
        given(accounts, opened, hundred).when(new CloseAccount(BOB))
                .then(closed)
                .thenState(new Closed(new Ledger("EUR", 10_000, Map.of(), Set.of())));
    }

    @Test
    void refuses_everything_but_opening_before_the_account_is_open() {
        for (AccountCommand command : List.of(new DepositMoney(BOB, 1), new ChargePayment(BOB, "o1", 1, "EUR"),
                new RefundPayment(BOB, "o1"), new CloseAccount(BOB))) {
            given(accounts).when(command).thenRejected("ACCOUNT_NOT_OPEN");
        }
    }

    @Test
    void a_closed_account_accepts_nothing() {
        for (AccountCommand command : List.of(new OpenAccount(BOB, "EUR"), new DepositMoney(BOB, 1),
                new ChargePayment(BOB, "o2", 1, "EUR"), new RefundPayment(BOB, "o1"), new CloseAccount(BOB))) {
            given(accounts, opened, hundred, charged, closed).when(command).thenRejected("ACCOUNT_CLOSED");
        }
    }

    @Test
    void names_each_situation_with_the_status_of_the_snapshot() {
        var ledger = new Ledger("EUR", 0, Map.of(), Set.of());
        assertThat(List.of(accounts.initialState(), new Open(ledger), new Closed(ledger)).stream().map(AccountState::status))
                .containsExactly(AccountStatus.values());
    }

    @Test
    void remembers_the_latest_charges_only_and_a_forgotten_charge_takes_its_refund_mark_with_it() {
        int bound = Ledger.CHARGES_REMEMBERED;
        List<AccountEvent> history = new ArrayList<>(List.of(opened, new MoneyDeposited(BOB, 1_000_000)));
        history.add(new PaymentCharged(BOB, "o0", 10));
        history.add(new PaymentRefunded(BOB, "o0", 10));
        for (int i = 1; i <= bound; i++) {
            history.add(new PaymentCharged(BOB, "o" + i, 10));
        }
        Ledger ledger = ((Open) Deciders.fold(accounts, history)).ledger();

        assertThat(ledger.charges()).hasSize(bound).doesNotContainKey("o0").containsKey("o1").containsKey("o" + bound);
        assertThat(ledger.charges().keySet()).as("oldest first").startsWith("o1").endsWith("o" + bound);
        assertThat(ledger.refundedOrders()).as("only orders among the charges").isEmpty();
        assertThat(ledger.balance()).isEqualTo(1_000_000 - 10L * bound);
        AccountEvent[] past = history.toArray(AccountEvent[]::new);
        given(accounts, past).when(new RefundPayment(BOB, "o0")).thenRejected("CHARGE_NOT_FOUND");
        given(accounts, past).when(new RefundPayment(BOB, "o1")).then(new PaymentRefunded(BOB, "o1", 10));
        given(accounts, past).when(new ChargePayment(BOB, "o1", 10, "EUR")).thenNothing();
    }
}
