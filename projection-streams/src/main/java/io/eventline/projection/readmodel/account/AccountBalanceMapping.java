package io.eventline.projection.readmodel.account;

import io.eventline.contracts.EventEnvelope;
import io.eventline.domain.account.AccountBalance;
import io.eventline.domain.account.AccountBalanceView;
import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.account.AccountStatus;
import io.eventline.projection.readmodel.VersionedFold;
import io.eventline.schemas.avro.readmodel.AccountBalanceStatus;
import io.eventline.schemas.avro.readmodel.StoredAccountBalance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link AccountBalanceView} over {@link StoredAccountBalance}, with the account's version and its last event's time. */
public final class AccountBalanceMapping implements VersionedFold<AccountEvent, StoredAccountBalance> {

    private final AccountBalanceView view = new AccountBalanceView();

    @Override
    public StoredAccountBalance initial(String customerId) {
        return toAvro(customerId, 0, view.initialState(), Instant.EPOCH);
    }

    @Override
    public long version(StoredAccountBalance stored) {
        return stored.getVersion();
    }

    @Override
    public StoredAccountBalance apply(StoredAccountBalance stored, EventEnvelope<AccountEvent> event) {
        AccountBalance next = view.evolve(toDomain(stored), event.event());
        return toAvro(stored.getCustomerId(), event.metadata().version(), next, event.metadata().occurredAt());
    }

    static AccountBalance toDomain(StoredAccountBalance s) {
        return new AccountBalance(AccountStatus.valueOf(s.getStatus().name()), s.getCurrency(), s.getBalance(),
                s.getTotalDeposited(), s.getTotalCharged(), s.getTotalRefunded());
    }

    static StoredAccountBalance toAvro(String customerId, long version, AccountBalance a, Instant updatedAt) {
        return new StoredAccountBalance(customerId, version, AccountBalanceStatus.valueOf(a.status().name()),
                a.currency(), a.balance(), a.totalDeposited(), a.totalCharged(), a.totalRefunded(), updatedAt);
    }

    /** The JSON of GET /readmodels/accounts/{customerId}. */
    public static Map<String, Object> json(StoredAccountBalance s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("customerId", s.getCustomerId());
        json.put("status", s.getStatus().name());
        json.put("currency", s.getCurrency());
        json.put("balance", s.getBalance());
        json.put("totalDeposited", s.getTotalDeposited());
        json.put("totalCharged", s.getTotalCharged());
        json.put("totalRefunded", s.getTotalRefunded());
        json.put("version", s.getVersion());
        json.put("updatedAt", s.getUpdatedAt());
        return json;
    }
}
