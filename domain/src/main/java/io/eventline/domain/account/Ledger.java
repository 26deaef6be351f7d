package io.eventline.domain.account;

import io.eventline.domain.core.Immutables;
import java.util.Map;
import java.util.Set;

/**
 * An opened account's books: its currency, its balance in minor units, the amount charged per
 * order, and the orders already refunded (so a refund happens once).
 */
public record Ledger(String currency, long balance, Map<String, Long> charges, Set<String> refundedOrders) {

    public Ledger {
        charges = Immutables.sortedMap(charges);
        refundedOrders = Immutables.sortedSet(refundedOrders);
    }

    static Ledger opened(String currency) {
        return new Ledger(currency, 0, Map.of(), Set.of());
    }

    Ledger deposited(long amount) {
        return new Ledger(currency, Math.addExact(balance, amount), charges, refundedOrders);
    }

    Ledger charged(String orderId, long amount) {
        return new Ledger(currency, Math.subtractExact(balance, amount), Immutables.plus(charges, orderId, amount), refundedOrders);
    }

    Ledger refunded(String orderId, long amount) {
        return new Ledger(currency, Math.addExact(balance, amount), charges, Immutables.plus(refundedOrders, orderId));
    }
}
