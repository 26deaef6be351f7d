package io.eventline.domain.account;

/**
 * A customer's account as a statement shows it; amounts are minor units of {@code currency}, which is
 * null until the account is opened.
 */
public record AccountBalance(
        AccountStatus status,
        String currency,
        long balance,
        long totalDeposited,
        long totalCharged,
        long totalRefunded) {

    static AccountBalance notOpened() {
        return new AccountBalance(AccountStatus.NOT_OPENED, null, 0, 0, 0, 0);
    }
}
