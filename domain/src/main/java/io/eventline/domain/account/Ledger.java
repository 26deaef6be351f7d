package io.eventline.domain.account;

import io.eventline.domain.core.Immutables;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An opened account's books: its currency, its balance in minor units, the amount charged per order
 * for its last {@value #CHARGES_REMEMBERED} charges, and which of those orders were refunded (so a
 * refund happens once).
 *
 * @param charges the order → amount of the latest charges, oldest first
 * @param refundedOrders the orders among {@code charges} already refunded
 */
public record Ledger(String currency, long balance, Map<String, Long> charges, Set<String> refundedOrders) {

    /**
     * How many charges an account remembers, and so how far back a refund may reach. Not all of them,
     * for the reason {@link io.eventline.domain.inventory.InventoryState#SETTLEMENTS_REMEMBERED}
     * gives: a customer's every order would otherwise make each of their commands dearer, and in the
     * end too large to store.
     */
    public static final int CHARGES_REMEMBERED = 1_000;

    public Ledger {
        charges = Immutables.inOrder(charges);
        refundedOrders = Immutables.sortedSet(refundedOrders);
    }

    static Ledger opened(String currency) {
        return new Ledger(currency, 0, Map.of(), Set.of());
    }

    Ledger deposited(long amount) {
        return new Ledger(currency, Math.addExact(balance, amount), charges, refundedOrders);
    }

    /** A charge forgotten takes the mark of its refund with it. */
    Ledger charged(String orderId, long amount) {
        Map<String, Long> remembered = Immutables.putKeepingLast(charges, orderId, amount, CHARGES_REMEMBERED);
        Set<String> refunded = refundedOrders.stream().allMatch(remembered::containsKey) ? refundedOrders
                : refundedOrders.stream().filter(remembered::containsKey).collect(Collectors.toSet());
        return new Ledger(currency, Math.subtractExact(balance, amount), remembered, refunded);
    }

    Ledger refunded(String orderId, long amount) {
        return new Ledger(currency, Math.addExact(balance, amount), charges, Immutables.plus(refundedOrders, orderId));
    }
}
