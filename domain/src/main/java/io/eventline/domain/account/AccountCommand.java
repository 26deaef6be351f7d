package io.eventline.domain.account;

/** What can be asked of a customer's account. The aggregate id is the customerId; amounts are minor units. */
public sealed interface AccountCommand {

    String customerId();

    default String aggregateId() {
        return customerId();
    }

    record OpenAccount(String customerId, String currency) implements AccountCommand {
    }

    record DepositMoney(String customerId, long amount) implements AccountCommand {
    }

    record ChargePayment(String customerId, String orderId, long amount, String currency) implements AccountCommand {
    }

    record RefundPayment(String customerId, String orderId) implements AccountCommand {
    }

    record CloseAccount(String customerId) implements AccountCommand {
    }
}
