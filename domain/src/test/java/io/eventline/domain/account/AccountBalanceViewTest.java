package io.eventline.domain.account;

import static io.eventline.domain.testing.ViewSpec.fold;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.domain.account.AccountEvent.AccountClosed;
import io.eventline.domain.account.AccountEvent.AccountOpened;
import io.eventline.domain.account.AccountEvent.MoneyDeposited;
import io.eventline.domain.account.AccountEvent.PaymentCharged;
import io.eventline.domain.account.AccountEvent.PaymentDeclined;
import io.eventline.domain.account.AccountEvent.PaymentRefunded;
import org.junit.jupiter.api.Test;

class AccountBalanceViewTest {

    final AccountBalanceView view = new AccountBalanceView();

    @Test
    void shows_an_account_not_opened_before_its_first_event() {
        assertThat(view.initialState()).isEqualTo(new AccountBalance(AccountStatus.NOT_OPENED, null, 0, 0, 0, 0));
    }

    @Test
    void shows_the_balance_and_what_was_deposited_charged_and_refunded() {
        AccountBalance balance = fold(view, new AccountOpened("bob", "EUR"), new MoneyDeposited("bob", 10_000),
                new PaymentCharged("bob", "o1", 2_500), new PaymentCharged("bob", "o2", 1_000),
                new PaymentDeclined("bob", "o3", 99_999, "INSUFFICIENT_FUNDS"), new PaymentRefunded("bob", "o1", 2_500));
        assertThat(balance).isEqualTo(new AccountBalance(AccountStatus.OPEN, "EUR", 9_000, 10_000, 3_500, 2_500));
    }

    @Test
    void shows_a_closed_account_with_its_last_balance() {
        AccountBalance balance = fold(view, new AccountOpened("bob", "EUR"), new MoneyDeposited("bob", 700),
                new AccountClosed("bob"));
        assertThat(balance).isEqualTo(new AccountBalance(AccountStatus.CLOSED, "EUR", 700, 700, 0, 0));
    }
}
