package io.eventline.projection.readmodel.account;

import io.eventline.contracts.mapping.Aggregates;
import io.eventline.projection.readmodel.AggregateView;
import io.eventline.projection.readmodel.AggregateViewModule;
import io.eventline.schemas.avro.readmodel.StoredAccountBalance;
import io.eventline.domain.account.AccountEvent;
import java.time.Duration;

/** Account balances by customerId: account events → {@link AccountBalanceMapping} → store "account-balances". */
public final class AccountBalanceModule extends AggregateViewModule<AccountEvent, StoredAccountBalance> {

    public static final AggregateView<AccountEvent, StoredAccountBalance> VIEW = new AggregateView<>("account-balances", "account", "account",
            Aggregates::account, StoredAccountBalance.class, new AccountBalanceMapping(), AccountBalanceMapping::json, StoredAccountBalance::getVersion,
            "/readmodels/accounts", "customerId");
    public static final String NAME = VIEW.name();
    public static final String STORE = VIEW.name();

    public AccountBalanceModule() {
        this(MIN_VERSION_WAIT);
    }

    /** @param minVersionWait how long a query with {@code minVersion} may wait for the read model to catch up */
    public AccountBalanceModule(Duration minVersionWait) {
        super(VIEW, minVersionWait);
    }
}
