package io.eventline.projection.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.account.AccountEvent.AccountClosed;
import io.eventline.domain.account.AccountEvent.AccountOpened;
import io.eventline.domain.account.AccountEvent.MoneyDeposited;
import io.eventline.domain.account.AccountEvent.PaymentCharged;
import io.eventline.domain.account.AccountEvent.PaymentDeclined;
import io.eventline.domain.account.AccountEvent.PaymentRefunded;
import io.eventline.domain.account.AccountState;
import io.eventline.projection.readmodel.account.AccountBalanceModule;
import io.eventline.schemas.avro.readmodel.AccountBalanceStatus;
import io.eventline.schemas.avro.readmodel.StoredAccountBalance;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountBalanceTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");

    @TempDir
    Path stateDir;
    ReadModelDriver driver;
    AggregateType<AccountCommand, AccountState, AccountEvent> accounts;

    @BeforeEach
    void start() {
        driver = new ReadModelDriver(new AccountBalanceModule(), stateDir);
        accounts = Aggregates.account(driver.registry);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void keeps_status_currency_balance_and_totals_with_the_accounts_version() {
        driver.event(accounts, "alice", 1, T0, new AccountOpened("alice", "EUR"));
        driver.event(accounts, "alice", 2, T0.plusSeconds(1), new MoneyDeposited("alice", 10_000));
        driver.event(accounts, "alice", 3, T0.plusSeconds(2), new PaymentCharged("alice", "o1", 2_500));
        driver.event(accounts, "alice", 4, T0.plusSeconds(3), new PaymentDeclined("alice", "o2", 99_999, "INSUFFICIENT_FUNDS"));
        driver.event(accounts, "alice", 5, T0.plusSeconds(4), new PaymentRefunded("alice", "o1", 2_500));
        driver.event(accounts, "alice", 6, T0.plusSeconds(5), new PaymentCharged("alice", "o3", 1_000));

        StoredAccountBalance account = account("alice");
        assertThat(account.getCustomerId()).isEqualTo("alice");
        assertThat(account.getStatus()).isEqualTo(AccountBalanceStatus.OPEN);
        assertThat(account.getCurrency()).isEqualTo("EUR");
        assertThat(account.getBalance()).isEqualTo(9_000);
        assertThat(account.getTotalDeposited()).isEqualTo(10_000);
        assertThat(account.getTotalCharged()).isEqualTo(3_500);
        assertThat(account.getTotalRefunded()).isEqualTo(2_500);
        assertThat(account.getVersion()).isEqualTo(6);
        assertThat(account.getUpdatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void a_closed_account_shows_closed_and_keeps_its_balance() {
        driver.event(accounts, "bob", 1, T0, new AccountOpened("bob", "USD"));
        driver.event(accounts, "bob", 2, T0.plusSeconds(1), new MoneyDeposited("bob", 700));
        driver.event(accounts, "bob", 3, T0.plusSeconds(2), new AccountClosed("bob"));

        assertThat(account("bob").getStatus()).isEqualTo(AccountBalanceStatus.CLOSED);
        assertThat(account("bob").getBalance()).isEqualTo(700);
        assertThat(account("bob").getVersion()).isEqualTo(3);
    }

    @Test
    void a_replayed_deposit_counts_once_while_accounts_interleave() {
        driver.event(accounts, "alice", 1, T0, new AccountOpened("alice", "EUR"));
        driver.event(accounts, "bob", 1, T0, new AccountOpened("bob", "USD"));
        driver.event(accounts, "alice", 2, T0.plusSeconds(1), new MoneyDeposited("alice", 500));
        driver.event(accounts, "bob", 2, T0.plusSeconds(1), new MoneyDeposited("bob", 70));
        driver.event(accounts, "alice", 2, T0.plusSeconds(1), new MoneyDeposited("alice", 500));
        driver.event(accounts, "alice", 1, T0, new AccountOpened("alice", "EUR"));

        assertThat(account("alice").getBalance()).isEqualTo(500);
        assertThat(account("alice").getTotalDeposited()).isEqualTo(500);
        assertThat(account("alice").getVersion()).isEqualTo(2);
        assertThat(account("bob").getBalance()).isEqualTo(70);
        assertThat(account("bob").getCurrency()).isEqualTo("USD");
    }

    private StoredAccountBalance account(String customerId) {
        return driver.get(AccountBalanceModule.STORE, customerId);
    }
}
