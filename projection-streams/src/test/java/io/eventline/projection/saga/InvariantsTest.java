package io.eventline.projection.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.projection.saga.InvariantReport.Violation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checks {@link InvariantChecker} runs over the topics, on histories written by hand. */
class InvariantsTest {

    final Invariants invariants = new Invariants();
    final Map<String, Long> versions = new HashMap<>();

    @BeforeEach
    void aShippedAndACancelledOrder() {
        account(new AccountEvent.AccountOpened("alice", "EUR"));
        account(new AccountEvent.MoneyDeposited("alice", 5_000));
        inventory(new InventoryEvent.StockAdded("SKU-A", 10));

        order(new OrderEvent.OrderPlaced("shipped", "alice", List.of(new OrderLine("SKU-A", 2, 1_000)), "EUR"));
        inventory(new InventoryEvent.StockReserved("SKU-A", "shipped", 2));
        account(new AccountEvent.PaymentCharged("alice", "shipped", 2_000));
        order(new OrderEvent.OrderConfirmed("shipped"));
        order(new OrderEvent.OrderShipped("shipped"));
        inventory(new InventoryEvent.StockCommitted("SKU-A", "shipped", 2));

        order(new OrderEvent.OrderPlaced("cancelled", "alice", List.of(new OrderLine("SKU-A", 1, 500)), "EUR"));
        inventory(new InventoryEvent.StockReserved("SKU-A", "cancelled", 1));
        account(new AccountEvent.PaymentCharged("alice", "cancelled", 500));
        order(new OrderEvent.OrderCancelled("cancelled", "DEADLINE_PASSED"));
        inventory(new InventoryEvent.StockReleased("SKU-A", "cancelled", 1));
        account(new AccountEvent.PaymentRefunded("alice", "cancelled", 500));
    }

    @Test
    void a_consistent_history_holds_and_counts_how_orders_ended() {
        InvariantReport report = invariants.report();

        assertThat(report.holds()).as(report.toString()).isTrue();
        assertThat(report.ordersShipped()).isEqualTo(1);
        assertThat(report.ordersCancelled()).isEqualTo(1);
        assertThat(report.ordersOpen()).isZero();
        assertThat(report.eventsRead()).isEqualTo(15);
    }

    @Test
    void a_cancelled_order_that_keeps_stock_or_money_is_a_violation() {
        order(new OrderEvent.OrderPlaced("leaky", "alice", List.of(new OrderLine("SKU-A", 1, 300)), "EUR"));
        inventory(new InventoryEvent.StockReserved("SKU-A", "leaky", 1));
        account(new AccountEvent.PaymentCharged("alice", "leaky", 300));
        order(new OrderEvent.OrderCancelled("leaky", "INSUFFICIENT_FUNDS"));

        assertThat(invariants.report().violations()).extracting(Violation::rule, Violation::subject).containsExactlyInAnyOrder(
                tuple("cancelled order holds nothing", "leaky"), tuple("cancelled order holds nothing", "leaky"),
                tuple("money conserved", "alice"));
        assertThat(invariants.report().onlyCompensationsInFlight()).isTrue();
    }

    @Test
    void only_a_cancelled_order_still_holding_stock_or_money_may_be_a_compensation_in_flight() {
        assertThat(invariants.report().onlyCompensationsInFlight()).as("nothing broken").isFalse();

        order(new OrderEvent.OrderPlaced("late-release", "alice", List.of(new OrderLine("SKU-A", 1, 300)), "EUR"));
        inventory(new InventoryEvent.StockReserved("SKU-A", "late-release", 1));
        order(new OrderEvent.OrderCancelled("late-release", "DEADLINE_PASSED"));
        assertThat(invariants.report().onlyCompensationsInFlight()).as("its release not yet landed").isTrue();

        inventory(new InventoryEvent.StockReserved("SKU-A", "greedy", 20));
        assertThat(invariants.report().onlyCompensationsInFlight()).as("and stock below zero").isFalse();
    }

    @Test
    void an_order_that_never_ends_is_open_and_a_violation() {
        order(new OrderEvent.OrderPlaced("stuck", "alice", List.of(new OrderLine("SKU-A", 1, 300)), "EUR"));

        InvariantReport report = invariants.report();
        assertThat(report.ordersOpen()).isEqualTo(1);
        assertThat(report.violations()).singleElement().satisfies(v -> assertThat(v.rule()).isEqualTo("every order ends"));
    }

    @Test
    void stock_or_money_below_zero_after_any_event_is_a_violation_even_if_it_recovers() {
        inventory(new InventoryEvent.StockReserved("SKU-A", "greedy", 20));
        inventory(new InventoryEvent.StockReleased("SKU-A", "greedy", 20));
        account(new AccountEvent.PaymentCharged("alice", "pricey", 9_000));
        account(new AccountEvent.PaymentRefunded("alice", "pricey", 9_000));

        assertThat(invariants.report().violations()).extracting(Violation::rule)
                .contains("stock never negative", "balance never negative");
    }

    @Test
    void a_second_refund_or_a_gap_in_versions_is_a_violation() {
        account(new AccountEvent.PaymentRefunded("alice", "cancelled", 500));
        invariants.order("shipped", versions.get("order/shipped") + 2, new OrderEvent.OrderDelivered("shipped"));

        assertThat(invariants.report().violations()).extracting(Violation::rule)
                .contains("charged and refunded once", "versions without gaps", "money conserved", "cancelled order holds nothing");
    }

    private void order(OrderEvent event) {
        invariants.order(event.orderId(), next("order/" + event.orderId()), event);
    }

    private void inventory(InventoryEvent event) {
        invariants.inventory(event.sku(), next("inventory/" + event.sku()), event);
    }

    private void account(AccountEvent event) {
        invariants.account(event.customerId(), next("account/" + event.customerId()), event);
    }

    private long next(String aggregate) {
        return versions.merge(aggregate, 1L, Long::sum);
    }
}
