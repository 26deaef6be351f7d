package io.eventline.projection.saga;

import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each order got from inventory and accounts: its reservations per sku and how each was settled,
 * its charge and its refund. {@link Invariants} asks it whether an order's end is consistent.
 */
final class OrderLedger {

    /** One order's reservation of one sku: the quantity held, and how it was settled (at most once). */
    private static final class Reservation {
        int quantity;
        int released;
        int committed;
    }

    /** One order's payment: who paid, how much, and the amount refunded. */
    private record Payment(String customerId, long charged, long refunded) {}

    private final Map<String, Map<String, Reservation>> reservations = new HashMap<>();
    private final Map<String, Payment> payments = new HashMap<>();

    /** Records the event; names a problem when a reservation is settled twice or without being made. */
    Optional<String> inventory(InventoryEvent event) {
        return switch (event) {
            case InventoryEvent.StockReserved e -> {
                Reservation r = reservation(e.orderId(), e.sku());
                r.quantity += e.quantity();
                yield r.quantity != e.quantity() ? Optional.of("order " + e.orderId() + " reserved twice") : Optional.empty();
            }
            case InventoryEvent.StockReleased e -> settle(reservation(e.orderId(), e.sku()), e.orderId(), e.quantity(), true);
            case InventoryEvent.StockCommitted e -> settle(reservation(e.orderId(), e.sku()), e.orderId(), e.quantity(), false);
            case InventoryEvent.StockAdded e -> Optional.empty();
            case InventoryEvent.StockReservationFailed e -> Optional.empty();
        };
    }

    /** Records the event; names a problem when an order is charged twice, or refunded twice or more than charged. */
    Optional<String> account(AccountEvent event) {
        return switch (event) {
            case AccountEvent.PaymentCharged e -> {
                Payment before = payments.get(e.orderId());
                payments.put(e.orderId(), new Payment(e.customerId(), (before == null ? 0 : before.charged()) + e.amount(),
                        before == null ? 0 : before.refunded()));
                yield before != null && before.charged() > 0 ? Optional.of("order " + e.orderId() + " charged twice") : Optional.empty();
            }
            case AccountEvent.PaymentRefunded e -> {
                Payment before = payments.getOrDefault(e.orderId(), new Payment(e.customerId(), 0, 0));
                payments.put(e.orderId(), new Payment(before.customerId(), before.charged(), before.refunded() + e.amount()));
                yield before.refunded() > 0 || e.amount() != before.charged()
                        ? Optional.of("order " + e.orderId() + " refunded " + e.amount() + " after charges of "
                                + before.charged() + " and refunds of " + before.refunded())
                        : Optional.empty();
            }
            case AccountEvent.AccountOpened e -> Optional.empty();
            case AccountEvent.MoneyDeposited e -> Optional.empty();
            case AccountEvent.PaymentDeclined e -> Optional.empty();
            case AccountEvent.AccountClosed e -> Optional.empty();
        };
    }

    /** A shipped order paid its total once, kept it paid, and held every line's stock without releasing it. */
    List<String> shippedProblems(String orderId, OrderEvent.OrderPlaced order) {
        List<String> problems = new ArrayList<>();
        Payment payment = payments.get(orderId);
        long total = order == null ? -1 : order.total();
        if (payment == null || payment.charged() != total || payment.refunded() != 0) {
            problems.add("order total " + total + " but " + payment);
        }
        Map<String, Reservation> held = reservations.getOrDefault(orderId, Map.of());
        for (OrderLine line : order == null ? List.<OrderLine>of() : order.lines()) {
            Reservation r = held.get(line.sku());
            if (r == null || r.quantity != line.quantity() || r.released != 0) {
                problems.add(line.sku() + ": " + line.quantity() + " ordered but " + describe(r));
            }
        }
        return problems;
    }

    /** A cancelled order released every reservation it got, committed none, and was refunded any charge. */
    List<String> cancelledProblems(String orderId) {
        List<String> problems = new ArrayList<>();
        reservations.getOrDefault(orderId, Map.of()).forEach((sku, r) -> {
            if (r.released != r.quantity || r.committed != 0) {
                problems.add(sku + ": " + describe(r));
            }
        });
        Payment payment = payments.get(orderId);
        if (payment != null && payment.charged() != payment.refunded()) {
            problems.add("charged " + payment.charged() + " but refunded " + payment.refunded());
        }
        return problems;
    }

    /** What the order cost its customer so far: charges minus refunds. */
    long netCharged(String orderId) {
        Payment payment = payments.get(orderId);
        return payment == null ? 0 : payment.charged() - payment.refunded();
    }

    private Reservation reservation(String orderId, String sku) {
        return reservations.computeIfAbsent(orderId, id -> new HashMap<>()).computeIfAbsent(sku, s -> new Reservation());
    }

    private static Optional<String> settle(Reservation r, String orderId, int quantity, boolean release) {
        boolean settledBefore = r.released + r.committed > 0;
        if (release) {
            r.released += quantity;
        } else {
            r.committed += quantity;
        }
        return settledBefore || quantity != r.quantity
                ? Optional.of("order " + orderId + " settled " + quantity + " of a reservation: " + describe(r))
                : Optional.empty();
    }

    private static String describe(Reservation r) {
        return r == null ? "nothing reserved"
                : "reserved " + r.quantity + ", released " + r.released + ", committed " + r.committed;
    }
}
