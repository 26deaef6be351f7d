package io.eventline.domain.order;

import static io.eventline.domain.order.OrderDeciderTest.ALICE;
import static io.eventline.domain.testing.ViewSpec.fold;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.domain.order.OrderEvent.OrderCancelled;
import io.eventline.domain.order.OrderEvent.OrderConfirmed;
import io.eventline.domain.order.OrderEvent.OrderDelivered;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import io.eventline.domain.order.OrderEvent.OrderShipped;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerStatsViewTest {

    final CustomerStatsView view = new CustomerStatsView();

    static OrderPlaced placed(String order, long price, String currency) {
        return new OrderPlaced(order, ALICE, List.of(new OrderLine("SKU-1", 2, price)), currency);
    }

    @Test
    void counts_placed_orders_but_spends_nothing_before_confirmation() {
        CustomerStats stats = fold(view, placed("o1", 500, "EUR"), placed("o2", 100, "EUR"));
        assertThat(stats.ordersPlaced()).isEqualTo(2);
        assertThat(stats.ordersConfirmed()).isZero();
        assertThat(stats.totalSpent()).isEmpty();
        assertThat(stats.openOrders()).containsOnlyKeys("o1", "o2");
    }

    @Test
    void adds_the_total_of_each_confirmed_order_per_currency() {
        CustomerStats stats = fold(view, placed("o1", 500, "EUR"), placed("o2", 100, "EUR"), placed("o3", 7, "USD"),
                new OrderConfirmed("o1"), new OrderConfirmed("o3"));
        assertThat(stats.ordersConfirmed()).isEqualTo(2);
        assertThat(stats.totalSpent()).isEqualTo(Map.of("EUR", 1_000L, "USD", 14L));
        assertThat(stats.totalSpent("GBP")).isZero();
    }

    @Test
    void counts_cancellations_and_takes_back_what_a_cancelled_confirmed_order_had_spent() {
        CustomerStats stats = fold(view, placed("o1", 500, "EUR"), placed("o2", 100, "EUR"),
                new OrderConfirmed("o1"), new OrderConfirmed("o2"),
                new OrderCancelled("o1", "changed my mind"), new OrderCancelled("o2", "too slow"));
        assertThat(stats.ordersCancelled()).isEqualTo(2);
        assertThat(stats.totalSpent("EUR")).isZero();
        assertThat(stats.openOrders()).isEmpty();
    }

    @Test
    void forgets_an_order_once_shipped_and_keeps_what_it_spent() {
        CustomerStats stats = fold(view, placed("o1", 500, "EUR"), new OrderConfirmed("o1"),
                new OrderShipped("o1"), new OrderDelivered("o1"));
        assertThat(stats).isEqualTo(new CustomerStats(1, 1, 0, Map.of("EUR", 1_000L), Map.of()));
    }

    @Test
    void counts_a_redelivered_event_once() {
        CustomerStats stats = fold(view, placed("o1", 500, "EUR"), placed("o1", 500, "EUR"),
                new OrderConfirmed("o1"), new OrderConfirmed("o1"),
                new OrderCancelled("o1", "r"), new OrderCancelled("o1", "r"));
        assertThat(stats).isEqualTo(new CustomerStats(1, 1, 1, Map.of("EUR", 0L), Map.of()));
    }
}
