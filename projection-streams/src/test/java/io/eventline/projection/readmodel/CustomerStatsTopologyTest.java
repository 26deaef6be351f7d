package io.eventline.projection.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderEvent.OrderCancelled;
import io.eventline.domain.order.OrderEvent.OrderConfirmed;
import io.eventline.domain.order.OrderEvent.OrderDelivered;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import io.eventline.domain.order.OrderEvent.OrderShipped;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.order.OrderState;
import io.eventline.projection.readmodel.customer.CustomerStatsModule;
import io.eventline.projection.readmodel.customer.CustomerStatsTopology;
import io.eventline.schemas.avro.readmodel.StoredCustomerStats;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomerStatsTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");

    @TempDir
    Path stateDir;

    /** One event of an order, to be fed in an order chosen by the test. */
    record Step(String orderId, long version, OrderEvent event) {}

    static final List<Step> O1 = List.of(   // alice, 20.00 EUR: confirmed, shipped, delivered
            new Step("o1", 1, new OrderPlaced("o1", "alice", List.of(new OrderLine("A", 2, 1000)), "EUR")),
            new Step("o1", 2, new OrderConfirmed("o1")),
            new Step("o1", 3, new OrderShipped("o1")),
            new Step("o1", 4, new OrderDelivered("o1")));
    static final List<Step> O2 = List.of(   // alice, 5.00 USD: confirmed, still open
            new Step("o2", 1, new OrderPlaced("o2", "alice", List.of(new OrderLine("B", 1, 500)), "USD")),
            new Step("o2", 2, new OrderConfirmed("o2")));
    static final List<Step> O3 = List.of(   // alice, 7.00 EUR: confirmed then cancelled, so not spent
            new Step("o3", 1, new OrderPlaced("o3", "alice", List.of(new OrderLine("C", 7, 100)), "EUR")),
            new Step("o3", 2, new OrderConfirmed("o3")),
            new Step("o3", 3, new OrderCancelled("o3", "payment declined")));
    static final List<Step> O4 = List.of(   // bob, placed only
            new Step("o4", 1, new OrderPlaced("o4", "bob", List.of(new OrderLine("A", 1, 1000)), "EUR")));

    @Test
    void counts_placed_confirmed_and_cancelled_orders_and_the_spending_per_currency() {
        try (ReadModelDriver driver = driver("in-order")) {
            feed(driver, O1, O2, O3, O4);

            StoredCustomerStats alice = driver.get(CustomerStatsTopology.STORE, "alice");
            assertThat(alice.getCustomerId()).isEqualTo("alice");
            assertThat(alice.getOrdersPlaced()).isEqualTo(3);
            assertThat(alice.getOrdersConfirmed()).isEqualTo(3);
            assertThat(alice.getOrdersCancelled()).isEqualTo(1);
            assertThat(alice.getTotalSpent()).isEqualTo(Map.of("EUR", 2000L, "USD", 500L));
            assertThat(alice.getOpenOrders()).containsOnlyKeys("o2");
            assertThat(alice.getUpdatedAt()).as("the latest event of her orders").isEqualTo(T0.plusSeconds(4));
            StoredCustomerStats bob = driver.get(CustomerStatsTopology.STORE, "bob");
            assertThat(bob.getOrdersPlaced()).isEqualTo(1);
            assertThat(bob.getOrdersConfirmed()).isZero();
            assertThat(bob.getTotalSpent()).isEmpty();
            assertThat(driver.<Long>all(CustomerStatsTopology.ORDER_VERSIONS))
                    .as("the version of each order the stats reflect")
                    .isEqualTo(Map.of("o1", 4L, "o2", 2L, "o3", 3L, "o4", 1L));
        }
    }

    @Test
    void orders_whose_events_arrive_interleaved_in_any_order_give_the_same_stats() {
        Map<String, StoredCustomerStats> inOrder;
        try (ReadModelDriver driver = driver("sequential")) {
            feed(driver, O1, O2, O3, O4);
            inOrder = driver.all(CustomerStatsTopology.STORE);
        }
        try (ReadModelDriver driver = driver("interleaved")) {
            // Each order's own events stay in order (one partition); across orders anything goes.
            List<Step> interleaved = List.of(O3.get(0), O4.get(0), O2.get(0), O3.get(1), O1.get(0), O2.get(1),
                    O3.get(2), O1.get(1), O1.get(2), O1.get(3));
            interleaved.forEach(step -> event(driver, step));
            assertThat(driver.<StoredCustomerStats>all(CustomerStatsTopology.STORE)).isEqualTo(inOrder);
        }
    }

    @Test
    void replayed_events_count_once_even_after_the_order_has_closed() {
        try (ReadModelDriver driver = driver("replayed")) {
            feed(driver, O1, O3);
            StoredCustomerStats before = driver.get(CustomerStatsTopology.STORE, "alice");

            // The view alone would count an OrderPlaced of an order no longer open as a new order.
            feed(driver, O1, O3);
            event(driver, O3.get(1));

            assertThat(driver.<StoredCustomerStats>get(CustomerStatsTopology.STORE, "alice")).isEqualTo(before);
            assertThat(before.getOrdersPlaced()).isEqualTo(2);
        }
    }

    @Test
    void an_event_of_an_order_never_placed_reaches_no_customer() {
        try (ReadModelDriver driver = driver("orphan")) {
            driver.event(Aggregates.order(driver.registry), "ghost", 2, T0, new OrderConfirmed("ghost"));

            assertThat(driver.all(CustomerStatsTopology.STORE)).isEmpty();
            assertThat(driver.all(CustomerStatsTopology.ORDERS)).isEmpty();
        }
    }

    private ReadModelDriver driver(String name) {
        return new ReadModelDriver(new CustomerStatsModule(), stateDir.resolve(name));
    }

    @SafeVarargs
    private static void feed(ReadModelDriver driver, List<Step>... orders) {
        for (List<Step> order : orders) {
            order.forEach(step -> event(driver, step));
        }
    }

    private static void event(ReadModelDriver driver, Step step) {
        AggregateType<OrderCommand, OrderState, OrderEvent> orders = Aggregates.order(driver.registry);
        driver.event(orders, step.orderId(), step.version(), T0.plusSeconds(step.version()), step.event());
    }
}
