package io.eventline.domain.fulfilment;

import static io.eventline.domain.fulfilment.CommandKind.CHARGE_PAYMENT;
import static io.eventline.domain.fulfilment.CommandKind.RESERVE_STOCK;
import static io.eventline.domain.fulfilment.SagaFixtures.A;
import static io.eventline.domain.fulfilment.SagaFixtures.B;
import static io.eventline.domain.fulfilment.SagaFixtures.cancel;
import static io.eventline.domain.fulfilment.SagaFixtures.cancelled;
import static io.eventline.domain.fulfilment.SagaFixtures.charge;
import static io.eventline.domain.fulfilment.SagaFixtures.charged;
import static io.eventline.domain.fulfilment.SagaFixtures.commit;
import static io.eventline.domain.fulfilment.SagaFixtures.committed;
import static io.eventline.domain.fulfilment.SagaFixtures.confirm;
import static io.eventline.domain.fulfilment.SagaFixtures.createShipment;
import static io.eventline.domain.fulfilment.SagaFixtures.deadline;
import static io.eventline.domain.fulfilment.SagaFixtures.declined;
import static io.eventline.domain.fulfilment.SagaFixtures.placed;
import static io.eventline.domain.fulfilment.SagaFixtures.refund;
import static io.eventline.domain.fulfilment.SagaFixtures.refunded;
import static io.eventline.domain.fulfilment.SagaFixtures.rejected;
import static io.eventline.domain.fulfilment.SagaFixtures.release;
import static io.eventline.domain.fulfilment.SagaFixtures.released;
import static io.eventline.domain.fulfilment.SagaFixtures.reservationFailed;
import static io.eventline.domain.fulfilment.SagaFixtures.reserve;
import static io.eventline.domain.fulfilment.SagaFixtures.reserved;
import static io.eventline.domain.fulfilment.SagaFixtures.ship;
import static io.eventline.domain.fulfilment.SagaFixtures.shipmentCreated;
import static io.eventline.domain.fulfilment.SagaFixtures.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.domain.fulfilment.SagaFixtures.SagaRun;
import org.junit.jupiter.api.Test;

/** The saga's flow when inputs come in the order they are caused. */
class OrderFulfilmentTest {

    final SagaRun run = new SagaRun();

    @Test
    void reserves_every_line_and_charges_the_payment_when_the_order_is_placed() {
        assertThat(run.on(placed())).containsExactly(reserve(A), reserve(B), charge());
        assertThat(run.status()).isEqualTo(FulfilmentStatus.RESERVING);
        assertThat(run.state.orderId()).isEqualTo(SagaFixtures.ORDER);
    }

    @Test
    void confirms_and_asks_for_the_shipment_only_once_all_stock_is_reserved_and_the_payment_charged() {
        run.on(placed());
        assertThat(run.on(reserved(A))).isEmpty();
        assertThat(run.on(charged())).isEmpty();
        assertThat(run.on(reserved(B))).containsExactly(confirm(), createShipment());
        assertThat(run.status()).isEqualTo(FulfilmentStatus.AWAITING_SHIPMENT);
        assertThat(run.state.reserved()).containsExactly(A.sku(), B.sku());
        assertThat(run.state.charge()).isNotNull();
    }

    @Test
    void ships_the_order_once_the_shipment_exists_and_commits_its_stock_only_once_it_shipped() {
        run.on(placed(), reserved(A), reserved(B), charged());
        assertThat(run.on(shipmentCreated())).containsExactly(ship());
        assertThat(run.status()).isEqualTo(FulfilmentStatus.SHIPPING);
        assertThat(run.terminal()).isFalse();
        assertThat(run.on(shipped())).containsExactly(commit(A), commit(B));
        assertThat(run.on(committed(A), committed(B))).isEmpty();
        assertThat(run.status()).isEqualTo(FulfilmentStatus.COMPLETED);
        assertThat(run.terminal()).isTrue();
        assertThat(run.state.steps()).containsExactly(reserve(A), reserve(B), charge(), confirm(), createShipment(),
                ship(), commit(A), commit(B));
        assertThat(run.state.reason()).isNull();
    }

    @Test
    void compensates_a_failed_reservation_by_releasing_what_is_reserved_refunding_and_cancelling() {
        run.on(placed(), reserved(A), charged());
        assertThat(run.on(reservationFailed(B))).containsExactly(release(A), refund(), cancel("INSUFFICIENT_STOCK"));
        assertThat(run.status()).isEqualTo(FulfilmentStatus.COMPENSATING);
        assertThat(run.state.reason()).isEqualTo("INSUFFICIENT_STOCK");
        run.on(released(A), refunded());
        assertThat(run.terminal()).as("still waiting for the order's cancellation").isFalse();
        assertThat(run.on(cancelled("INSUFFICIENT_STOCK"))).isEmpty();
        assertThat(run.status()).isEqualTo(FulfilmentStatus.CANCELLED);
        assertThat(run.terminal()).isTrue();
    }

    @Test
    void compensates_a_declined_payment_by_releasing_every_reserved_line_and_cancelling() {
        run.on(placed(), reserved(A), reserved(B));
        assertThat(run.on(declined())).containsExactly(release(A), release(B), cancel("INSUFFICIENT_FUNDS"));
        run.on(released(A), cancelled("INSUFFICIENT_FUNDS"));
        assertThat(run.status()).isEqualTo(FulfilmentStatus.COMPENSATING);
        run.on(released(B));
        assertThat(run.status()).isEqualTo(FulfilmentStatus.CANCELLED);
    }

    @Test
    void cancels_once_with_the_first_reason_when_stock_and_payment_both_fail() {
        run.on(placed());
        assertThat(run.on(reservationFailed(A))).containsExactly(cancel("INSUFFICIENT_STOCK"));
        assertThat(run.on(declined())).isEmpty();
        assertThat(run.on(reservationFailed(B))).isEmpty();
        run.on(cancelled("INSUFFICIENT_STOCK"));
        assertThat(run.status()).isEqualTo(FulfilmentStatus.CANCELLED);
        assertThat(run.state.reason()).isEqualTo("INSUFFICIENT_STOCK");
    }

    @Test
    void compensates_when_the_deadline_passes_before_confirmation() {
        run.on(placed(), reserved(A), charged());
        assertThat(run.on(deadline())).containsExactly(release(A), refund(), cancel(OrderFulfilment.DEADLINE_PASSED));
        assertThat(run.on(reserved(B))).as("a late reservation is released too").containsExactly(release(B));
        run.on(released(A), released(B), refunded(), cancelled(OrderFulfilment.DEADLINE_PASSED));
        assertThat(run.status()).isEqualTo(FulfilmentStatus.CANCELLED);
    }

    @Test
    void a_deadline_after_confirmation_parks_the_saga_as_stuck_and_a_late_input_moves_it_on() {
        run.on(placed(), reserved(A), reserved(B), charged());
        assertThat(run.on(deadline())).as("a confirmed order is not compensated by a deadline").isEmpty();
        assertThat(run.status()).isEqualTo(FulfilmentStatus.STUCK);
        assertThat(run.terminal()).isFalse();
        assertThat(run.state.reason()).isNull();
        assertThat(run.state.stuck()).isEqualTo("DEADLINE_PASSED while AWAITING_SHIPMENT, waiting for ShipmentCreated");
        assertThat(run.on(shipmentCreated())).as("the awaited input came after all").containsExactly(ship());
        assertThat(run.state.stuck()).isNull();
        run.on(shipped(), committed(A), committed(B));
        assertThat(run.status()).isEqualTo(FulfilmentStatus.COMPLETED);
    }

    @Test
    void a_step_that_fails_after_confirmation_leaves_the_saga_stuck_with_the_refusal_once_the_deadline_passes() {
        run.on(placed(), reserved(A), reserved(B), charged(), shipmentCreated());
        assertThat(run.on(rejected(CommandKind.SHIP_ORDER, "PROCESSING_FAILED"))).isEmpty();
        assertThat(run.status()).as("a refusal alone is not the end: its answer may be on its way").isEqualTo(FulfilmentStatus.SHIPPING);
        assertThat(run.on(deadline())).isEmpty();
        assertThat(run.status()).isEqualTo(FulfilmentStatus.STUCK);
        assertThat(run.state.stuck()).isEqualTo("DEADLINE_PASSED while SHIPPING, waiting for OrderShipped;"
                + " last refusal: SHIP_ORDER refused: PROCESSING_FAILED");
        assertThat(run.on(deadline())).as("parked: a second deadline changes nothing").isEmpty();
        assertThat(run.state.stuck()).startsWith("DEADLINE_PASSED while SHIPPING");
    }

    @Test
    void a_compensation_that_does_not_finish_before_the_deadline_is_parked_not_compensated_again() {
        run.on(placed(), reserved(A), charged());
        run.on(reservationFailed(B));
        assertThat(run.status()).isEqualTo(FulfilmentStatus.COMPENSATING);
        run.on(rejected(CommandKind.RELEASE_STOCK, "RESERVATION_ALREADY_SETTLED"));
        assertThat(run.on(deadline())).isEmpty();
        assertThat(run.status()).isEqualTo(FulfilmentStatus.STUCK);
        assertThat(run.state.stuck()).isEqualTo("DEADLINE_PASSED while COMPENSATING, waiting for StockReleased(" + A.sku()
                + "), PaymentRefunded, OrderCancelled; last refusal: RELEASE_STOCK refused: RESERVATION_ALREADY_SETTLED");
        assertThat(run.state.reason()).isEqualTo("INSUFFICIENT_STOCK");
    }

    @Test
    void a_shipped_order_is_complete_only_once_its_stock_is_committed() {
        run.on(placed(), reserved(A), reserved(B), charged(), shipmentCreated(), shipped());
        assertThat(run.status()).isEqualTo(FulfilmentStatus.SHIPPING);
        assertThat(run.terminal()).as("its stock is still held").isFalse();
        run.on(committed(A));
        assertThat(run.terminal()).isFalse();
        run.on(committed(B));
        assertThat(run.status()).isEqualTo(FulfilmentStatus.COMPLETED);
        assertThat(run.on(deadline())).as("a deadline after the end changes nothing").isEmpty();
        assertThat(run.state.stuck()).isNull();
    }

    @Test
    void compensates_a_refused_charge_or_reservation_with_the_refusal_code() {
        run.on(placed(), reserved(A), reserved(B));
        assertThat(run.on(rejected(CHARGE_PAYMENT, "ACCOUNT_NOT_OPEN")))
                .containsExactly(release(A), release(B), cancel("ACCOUNT_NOT_OPEN"));

        var other = new SagaRun();
        other.on(placed(), charged());
        assertThat(other.on(rejected(RESERVE_STOCK, "INVALID_QUANTITY"))).containsExactly(refund(), cancel("INVALID_QUANTITY"));
    }

    @Test
    void ignores_the_refusal_of_a_later_step_which_the_awaited_events_settle() {
        run.on(placed(), reserved(A), reserved(B), charged(), shipmentCreated());
        for (CommandKind kind : new CommandKind[] {CommandKind.CONFIRM_ORDER, CommandKind.CREATE_SHIPMENT,
                CommandKind.SHIP_ORDER, CommandKind.COMMIT_STOCK, CommandKind.RELEASE_STOCK,
                CommandKind.REFUND_PAYMENT, CommandKind.CANCEL_ORDER}) {
            assertThat(run.on(rejected(kind, "WHATEVER"))).as(kind.name()).isEmpty();
        }
        assertThat(run.status()).isEqualTo(FulfilmentStatus.SHIPPING);
        assertThat(run.state.reason()).isNull();
    }

    @Test
    void a_cancellation_between_the_shipment_and_the_shipping_releases_the_stock_none_of_it_committed() {
        // The order is confirmed, its shipment created, ShipOrder on its way: a customer cancels first.
        run.on(placed(), reserved(A), reserved(B), charged(), shipmentCreated());
        assertThat(run.on(cancelled("customer changed their mind"))).containsExactly(release(A), release(B), refund());
        assertThat(run.state.steps()).doesNotContain(commit(A), commit(B));
        run.on(released(A), released(B), refunded());
        assertThat(run.status()).isEqualTo(FulfilmentStatus.CANCELLED);
        assertThat(run.terminal()).isTrue();
    }

    @Test
    void refunds_and_releases_without_cancelling_again_when_someone_else_cancels_the_order() {
        run.on(placed(), reserved(A), charged());
        assertThat(run.on(cancelled("customer changed their mind"))).containsExactly(release(A), refund());
        assertThat(run.state.reason()).isEqualTo("customer changed their mind");
        assertThat(run.on(reserved(B))).containsExactly(release(B));
        run.on(released(A), released(B), refunded());
        assertThat(run.status()).isEqualTo(FulfilmentStatus.CANCELLED);
    }
}
