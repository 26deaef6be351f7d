package io.eventline.projection.saga;

import io.eventline.domain.account.AccountBalance;
import io.eventline.domain.account.AccountBalanceView;
import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.inventory.StockLevel;
import io.eventline.domain.inventory.StockLevelView;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderStatus;
import io.eventline.projection.saga.InvariantReport.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fulfilment invariants as a fold over the event history. Feed each aggregate's events in its
 * order (any interleaving of aggregates will do); what must hold after every event is checked as it
 * comes, what must hold once the workload settled is checked by {@link #report()}.
 */
final class Invariants {

    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, OrderStatus> orders = new TreeMap<>();
    private final Map<String, OrderEvent.OrderPlaced> placed = new HashMap<>();
    private final Map<String, StockLevel> stock = new HashMap<>();
    private final Map<String, AccountBalance> accounts = new TreeMap<>();
    private final OrderLedger ledger = new OrderLedger();
    private final List<Violation> violations = new ArrayList<>();
    private final StockLevelView stockView = new StockLevelView();
    private final AccountBalanceView accountView = new AccountBalanceView();
    private long events;

    void order(String aggregateId, long version, OrderEvent event) {
        inSequence("order", aggregateId, version);
        OrderStatus status = switch (event) {
            case OrderEvent.OrderPlaced e -> {
                placed.put(e.orderId(), e);
                yield OrderStatus.PLACED;
            }
            case OrderEvent.OrderConfirmed e -> OrderStatus.CONFIRMED;
            case OrderEvent.OrderShipped e -> OrderStatus.SHIPPED;
            case OrderEvent.OrderDelivered e -> OrderStatus.DELIVERED;
            case OrderEvent.OrderCancelled e -> OrderStatus.CANCELLED;
        };
        orders.put(event.orderId(), status);
    }

    void inventory(String aggregateId, long version, InventoryEvent event) {
        inSequence("inventory", aggregateId, version);
        StockLevel level = stockView.evolve(stock.getOrDefault(event.sku(), stockView.initialState()), event);
        stock.put(event.sku(), level);
        if (level.onHand() < 0 || level.reserved() < 0 || level.available() < 0) {
            violate("stock never negative", event.sku(), "after " + event + ": " + level);
        }
        ledger.inventory(event).ifPresent(problem -> violate("stock settles once", event.sku(), problem));
    }

    void account(String aggregateId, long version, AccountEvent event) {
        inSequence("account", aggregateId, version);
        AccountBalance balance = accountView.evolve(accounts.getOrDefault(event.customerId(), accountView.initialState()), event);
        accounts.put(event.customerId(), balance);
        if (balance.balance() < 0) {
            violate("balance never negative", event.customerId(), "after " + event + ": " + balance.balance());
        }
        ledger.account(event).ifPresent(problem -> violate("charged and refunded once", event.customerId(), problem));
    }

    InvariantReport report() {
        List<Violation> all = new ArrayList<>(violations);
        int shipped = 0;
        int cancelled = 0;
        int open = 0;
        Map<String, Long> spent = new HashMap<>(); // per customer: what their orders should have cost
        for (Map.Entry<String, OrderStatus> order : orders.entrySet()) {
            String id = order.getKey();
            OrderEvent.OrderPlaced placedOrder = placed.get(id);
            String customer = placedOrder == null ? "" : placedOrder.customerId();
            switch (order.getValue()) {
                case SHIPPED, DELIVERED -> {
                    shipped++;
                    spent.merge(customer, placedOrder == null ? 0 : placedOrder.total(), Long::sum);
                    ledger.shippedProblems(id, placed.get(id)).forEach(p -> all.add(new Violation("shipped order paid and stocked", id, p)));
                }
                case CANCELLED -> {
                    cancelled++;
                    ledger.cancelledProblems(id).forEach(p -> all.add(new Violation(InvariantReport.CANCELLED_HOLDS_NOTHING, id, p)));
                }
                default -> {
                    open++;
                    spent.merge(customer, ledger.netCharged(id), Long::sum);
                    all.add(new Violation("every order ends", id, "still " + order.getValue()));
                }
            }
        }
        // Deposits minus what the shipped orders cost (and the open ones hold): no more, no less.
        accounts.forEach((customer, balance) -> {
            long cost = spent.getOrDefault(customer, 0L);
            if (balance.balance() != balance.totalDeposited() - cost) {
                all.add(new Violation(InvariantReport.MONEY_CONSERVED, customer, "balance " + balance.balance() + " but deposited "
                        + balance.totalDeposited() + " minus what its orders cost, " + cost));
            }
        });
        return new InvariantReport(shipped, cancelled, open, events, all);
    }

    private void inSequence(String type, String aggregateId, long version) {
        events++;
        long previous = versions.getOrDefault(type + "/" + aggregateId, 0L);
        if (version != previous + 1) {
            violate("versions without gaps", type + " " + aggregateId, "version " + version + " after " + previous);
        }
        versions.put(type + "/" + aggregateId, version);
    }

    private void violate(String rule, String subject, String detail) {
        violations.add(new Violation(rule, subject, detail));
    }
}
