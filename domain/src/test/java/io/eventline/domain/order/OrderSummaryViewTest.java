package io.eventline.domain.order;

import static io.eventline.domain.order.OrderDeciderTest.ALICE;
import static io.eventline.domain.order.OrderDeciderTest.LINES;
import static io.eventline.domain.order.OrderDeciderTest.ORDER;
import static io.eventline.domain.testing.ViewSpec.fold;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.domain.order.OrderEvent.OrderCancelled;
import io.eventline.domain.order.OrderEvent.OrderConfirmed;
import io.eventline.domain.order.OrderEvent.OrderDelivered;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import io.eventline.domain.order.OrderEvent.OrderShipped;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderSummaryViewTest {

    final OrderSummaryView view = new OrderSummaryView();
    final OrderPlaced placed = new OrderPlaced(ORDER, ALICE, LINES, "EUR");

    @Test
    void shows_nothing_placed_before_the_first_event() {
        assertThat(view.initialState())
                .isEqualTo(new OrderSummary(OrderStatus.NOT_PLACED, null, List.of(), 0, 0, null, null));
    }

    @Test
    void shows_a_placed_order_with_its_item_count_and_total() {
        assertThat(fold(view, placed))
                .isEqualTo(new OrderSummary(OrderStatus.PLACED, ALICE, LINES, 3, 3_999, "EUR", null));
    }

    @Test
    void follows_the_order_through_its_statuses_and_keeps_its_lines() {
        OrderSummary delivered = fold(view, placed, new OrderConfirmed(ORDER), new OrderShipped(ORDER),
                new OrderDelivered(ORDER));
        assertThat(delivered).isEqualTo(new OrderSummary(OrderStatus.DELIVERED, ALICE, LINES, 3, 3_999, "EUR", null));
        assertThat(fold(view, placed, new OrderConfirmed(ORDER)).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(fold(view, placed, new OrderConfirmed(ORDER), new OrderShipped(ORDER)).status())
                .isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void shows_why_an_order_was_cancelled() {
        assertThat(fold(view, placed, new OrderCancelled(ORDER, "INSUFFICIENT_STOCK")))
                .isEqualTo(new OrderSummary(OrderStatus.CANCELLED, ALICE, LINES, 3, 3_999, "EUR", "INSUFFICIENT_STOCK"));
    }
}
