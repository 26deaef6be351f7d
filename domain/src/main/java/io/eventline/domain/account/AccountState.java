package io.eventline.domain.account;

/** The situation an account is in; an opened account, closed or not, keeps its ledger. */
public sealed interface AccountState {

    default AccountStatus status() {
        return switch (this) {
            case NotOpened n -> AccountStatus.NOT_OPENED;
            case Open o -> AccountStatus.OPEN;
            case Closed c -> AccountStatus.CLOSED;
        };
    }

    record NotOpened() implements AccountState {
    }

    record Open(Ledger ledger) implements AccountState {
    }

    record Closed(Ledger ledger) implements AccountState {
    }
}
