package io.eventline.domain.account;

/** The situations of an account, as snapshots and read models name them. */
public enum AccountStatus {
    NOT_OPENED, OPEN, CLOSED
}
