package io.eventline.domain.account;

/** What happened to a customer's account. The aggregate id is the customerId; amounts are minor units. */
public sealed interface AccountEvent {

    String customerId();

    default String aggregateId() {
        return customerId();
    }

    record AccountOpened(String customerId, String currency) implements AccountEvent {
    }

    record MoneyDeposited(String customerId, long amount) implements AccountEvent {
    }

    record PaymentCharged(String customerId, String orderId, long amount) implements AccountEvent {
    }

    /** A charge that could not be made: an event, because the fulfilment saga must react to it. */
    record PaymentDeclined(String customerId, String orderId, long amount, String reason) implements AccountEvent {
    }

    record PaymentRefunded(String customerId, String orderId, long amount) implements AccountEvent {
    }

    record AccountClosed(String customerId) implements AccountEvent {
    }
}
