package io.eventline.domain.order;

import static io.eventline.domain.testing.DeciderSpec.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.domain.order.OrderCommand.CancelOrder;
import io.eventline.domain.order.OrderCommand.ConfirmOrder;
import io.eventline.domain.order.OrderCommand.DeliverOrder;
import io.eventline.domain.order.OrderCommand.PlaceOrder;
import io.eventline.domain.order.OrderCommand.ShipOrder;
import io.eventline.domain.order.OrderEvent.OrderCancelled;
import io.eventline.domain.order.OrderEvent.OrderConfirmed;
import io.eventline.domain.order.OrderEvent.OrderDelivered;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import io.eventline.domain.order.OrderEvent.OrderShipped;
import io.eventline.domain.order.OrderState.Cancelled;
import io.eventline.domain.order.OrderState.Confirmed;
import io.eventline.domain.order.OrderState.Delivered;
import io.eventline.domain.order.OrderState.Placed;
import io.eventline.domain.order.OrderState.Shipped;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order's lifecycle; what a new order must satisfy is in {@link PlaceOrderRulesTest}. */
class OrderDeciderTest {

    static final String ORDER = "order-1";
    static final String ALICE = "alice";
    static final List<OrderLine> LINES = List.of(new OrderLine("SKU-1", 2, 1_500), new OrderLine("SKU-2", 1, 999));
    static final OrderDetails DETAILS = new OrderDetails(ORDER, ALICE, LINES, "EUR");

    final OrderDecider orders = new OrderDecider();
    final OrderPlaced placed = new OrderPlaced(ORDER, ALICE, LINES, "EUR");
    final OrderConfirmed confirmed = new OrderConfirmed(ORDER);
    final OrderShipped shipped = new OrderShipped(ORDER);
    final OrderDelivered delivered = new OrderDelivered(ORDER);
    final OrderCancelled cancelled = new OrderCancelled(ORDER, "changed my mind");

    @Test
    void places_a_new_order() {
        given(orders).when(new PlaceOrder(ORDER, ALICE, LINES, "EUR"))
                .then(placed)
                .thenState(new Placed(DETAILS));
    }

    @Test
    void refuses_to_place_an_order_twice() {
        given(orders, placed).when(new PlaceOrder(ORDER, ALICE, LINES, "EUR")).thenRejected("ORDER_ALREADY_PLACED");
        given(orders, placed, cancelled).when(new PlaceOrder(ORDER, ALICE, LINES, "EUR")).thenRejected("ORDER_ALREADY_PLACED");
    }

    @Test
    void confirms_a_placed_order() {
        given(orders, placed).when(new ConfirmOrder(ORDER)).then(confirmed).thenState(new Confirmed(DETAILS));
    }

    @Test
    void confirming_again_an_order_past_confirmation_does_nothing() {
        given(orders, placed, confirmed).when(new ConfirmOrder(ORDER)).thenNothing();
        given(orders, placed, confirmed, shipped).when(new ConfirmOrder(ORDER)).thenNothing();
        given(orders, placed, confirmed, shipped, delivered).when(new ConfirmOrder(ORDER)).thenNothing();
    }

    @Test
    void refuses_to_confirm_an_order_never_placed() {
        given(orders).when(new ConfirmOrder(ORDER)).thenRejected("ORDER_NOT_PLACED");
    }

    @Test
    void refuses_to_confirm_a_cancelled_order() {
        given(orders, placed, cancelled).when(new ConfirmOrder(ORDER)).thenRejected("ORDER_CANCELLED");
    }

    @Test
    void ships_a_confirmed_order() {
        given(orders, placed, confirmed).when(new ShipOrder(ORDER)).then(shipped).thenState(new Shipped(DETAILS));
    }

    @Test
    void refuses_to_ship_an_unconfirmed_order() {
        given(orders, placed).when(new ShipOrder(ORDER)).thenRejected("ORDER_NOT_CONFIRMED");
        given(orders).when(new ShipOrder(ORDER)).thenRejected("ORDER_NOT_PLACED");
        given(orders, placed, cancelled).when(new ShipOrder(ORDER)).thenRejected("ORDER_CANCELLED");
    }

    @Test
    void shipping_a_shipped_order_again_does_nothing() {
        given(orders, placed, confirmed, shipped).when(new ShipOrder(ORDER)).thenNothing();
        given(orders, placed, confirmed, shipped, delivered).when(new ShipOrder(ORDER)).thenNothing();
    }

    @Test
    void delivers_a_shipped_order() {
        given(orders, placed, confirmed, shipped).when(new DeliverOrder(ORDER))
                .then(delivered)
                .thenState(new Delivered(DETAILS));
        given(orders, placed, confirmed, shipped, delivered).when(new DeliverOrder(ORDER)).thenNothing();
    }

    @Test
    void refuses_to_deliver_an_order_that_has_not_shipped() {
        given(orders).when(new DeliverOrder(ORDER)).thenRejected("ORDER_NOT_PLACED");
        given(orders, placed).when(new DeliverOrder(ORDER)).thenRejected("ORDER_NOT_SHIPPED");
        given(orders, placed, confirmed).when(new DeliverOrder(ORDER)).thenRejected("ORDER_NOT_SHIPPED");
        given(orders, placed, cancelled).when(new DeliverOrder(ORDER)).thenRejected("ORDER_CANCELLED");
    }

    @Test
    void cancels_a_placed_or_confirmed_order_and_keeps_the_reason() {
        given(orders, placed).when(new CancelOrder(ORDER, "changed my mind"))
                .then(cancelled)
                .thenState(new Cancelled(DETAILS, "changed my mind"));
        given(orders, placed, confirmed).when(new CancelOrder(ORDER, "changed my mind")).then(cancelled);
    }

    @Test
    void refuses_to_cancel_after_shipping() {
        given(orders, placed, confirmed, shipped).when(new CancelOrder(ORDER, "late")).thenRejected("ORDER_ALREADY_SHIPPED");
        given(orders, placed, confirmed, shipped, delivered).when(new CancelOrder(ORDER, "late"))
                .thenRejected("ORDER_ALREADY_SHIPPED");
    }

    @Test
    void cancelling_a_cancelled_order_again_does_nothing() {
        given(orders, placed, cancelled).when(new CancelOrder(ORDER, "again")).thenNothing();
    }

    @Test
    void refuses_to_cancel_an_order_never_placed() {
        given(orders).when(new CancelOrder(ORDER, "no")).thenRejected("ORDER_NOT_PLACED");
    }

    @Test
    void names_each_situation_with_the_status_of_the_snapshot() {
        assertThat(List.of(orders.initialState(), new Placed(DETAILS), new Confirmed(DETAILS), new Shipped(DETAILS),
                new Delivered(DETAILS), new Cancelled(DETAILS, "r")).stream().map(OrderState::status))
                .containsExactly(OrderStatus.values());
    }

    @Test
    void commands_and_events_name_their_aggregate_and_keep_their_lines_immutable() {
        var lines = new java.util.ArrayList<>(LINES);
        var place = new PlaceOrder(ORDER, ALICE, lines, "EUR");
        lines.clear();
        assertThat(place.lines()).isEqualTo(LINES);
        assertThat(place.aggregateId()).isEqualTo(ORDER);
        assertThat(placed.aggregateId()).isEqualTo(ORDER);
        assertThat(DETAILS.total()).isEqualTo(2 * 1_500 + 999);
        assertThat(DETAILS.itemCount()).isEqualTo(3);
    }
}
