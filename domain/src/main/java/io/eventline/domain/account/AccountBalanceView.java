package io.eventline.domain.account;

import io.eventline.domain.account.AccountEvent.AccountClosed;
import io.eventline.domain.account.AccountEvent.AccountOpened;
import io.eventline.domain.account.AccountEvent.MoneyDeposited;
import io.eventline.domain.account.AccountEvent.PaymentCharged;
import io.eventline.domain.account.AccountEvent.PaymentDeclined;
import io.eventline.domain.account.AccountEvent.PaymentRefunded;
import io.eventline.domain.core.View;

/** Account balances, keyed by customerId. */
public final class AccountBalanceView implements View<AccountBalance, AccountEvent> {

    @Override
    public AccountBalance initialState() {
        return AccountBalance.notOpened();
    }

    @Override
    public AccountBalance evolve(AccountBalance a, AccountEvent event) {
        return switch (event) {
            case AccountOpened opened -> new AccountBalance(AccountStatus.OPEN, opened.currency(),
                    a.balance(), a.totalDeposited(), a.totalCharged(), a.totalRefunded());
            case MoneyDeposited deposited -> new AccountBalance(a.status(), a.currency(), Math.addExact(a.balance(), deposited.amount()),
                    Math.addExact(a.totalDeposited(), deposited.amount()), a.totalCharged(), a.totalRefunded());
            case PaymentCharged charged -> new AccountBalance(a.status(), a.currency(), Math.subtractExact(a.balance(), charged.amount()),
                    a.totalDeposited(), Math.addExact(a.totalCharged(), charged.amount()), a.totalRefunded());
            case PaymentDeclined declined -> a;
            case PaymentRefunded refunded -> new AccountBalance(a.status(), a.currency(), Math.addExact(a.balance(), refunded.amount()),
                    a.totalDeposited(), a.totalCharged(), Math.addExact(a.totalRefunded(), refunded.amount()));
            case AccountClosed closed -> new AccountBalance(AccountStatus.CLOSED, a.currency(),
                    a.balance(), a.totalDeposited(), a.totalCharged(), a.totalRefunded());
        };
    }
}
