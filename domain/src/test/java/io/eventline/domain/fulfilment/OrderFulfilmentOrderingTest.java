package io.eventline.domain.fulfilment;

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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs late, early, or twice. */
class OrderFulfilmentOrderingTest {

    static final List<FulfilmentEvent> HAPPY = List.of(placed(), reserved(A), reserved(B), charged(), shipmentCreated(),
            shipped(), committed(A), committed(B));
    static final List<FulfilmentEvent> COMPENSATED = List.of(placed(), reserved(A), charged(), reservationFailed(B),
            declined(), rejected(CommandKind.CHARGE_PAYMENT, "ACCOUNT_CLOSED"), deadline(), released(A), refunded(),
            cancelled("INSUFFICIENT_STOCK"));

    final SagaRun run = new SagaRun();

    @Test
    void a_duplicate_of_any_input_sends_nothing_more_and_changes_nothing() {
        for (List<FulfilmentEvent> walk : List.of(HAPPY, COMPENSATED)) {
            var once = new SagaRun();
            var twice = new SagaRun();
            for (FulfilmentEvent event : walk) {
                once.on(event);
                twice.on(event);
                assertThat(twice.on(event)).as("again: %s", event).isEmpty();
                assertThat(twice.state.steps()).isEqualTo(once.state.steps());
                assertThat(twice.status()).isEqualTo(once.status());
            }
            assertThat(twice.on(walk.toArray(FulfilmentEvent[]::new))).as("the whole walk replayed").isEmpty();
            assertThat(twice.sent).doesNotHaveDuplicates().isEqualTo(once.sent);
            assertThat(twice.terminal()).isTrue();
        }
        assertThat(List.of(HAPPY, COMPENSATED).stream().flatMap(List::stream).map(Object::getClass).distinct())
                .as("every kind of input is duplicated").hasSize(FulfilmentEvent.class.getPermittedSubclasses().length);
    }

    @Test
    void remembers_a_charge_that_arrives_before_the_order_and_does_not_charge_again() {
        assertThat(run.on(charged())).isEmpty();
        assertThat(run.status()).isEqualTo(FulfilmentStatus.AWAITING_ORDER);
        assertThat(run.on(placed())).containsExactly(reserve(A), reserve(B));
        assertThat(run.on(reserved(A), reserved(B))).containsExactly(confirm(), createShipment());
    }

    @Test
    void confirms_at_once_when_every_outcome_arrived_before_the_order() {
        run.on(reserved(B), charged(), reserved(A));
        assertThat(run.on(placed())).containsExactly(confirm(), createShipment());
    }

    @Test
    void ships_at_confirmation_when_the_shipment_was_seen_before_and_commits_once_shipped() {
        run.on(placed(), shipmentCreated(), reserved(A), charged());
        assertThat(run.on(reserved(B))).containsExactly(confirm(), ship());
        assertThat(run.on(shipped())).containsExactly(commit(A), commit(B));
    }

    @Test
    void commits_when_the_order_shipped_even_if_that_was_seen_before_the_shipment() {
        run.on(placed(), reserved(A), reserved(B), charged(), shipped());
        assertThat(run.on(shipmentCreated())).containsExactly(commit(A), commit(B));
    }

    @Test
    void cancels_without_reserving_when_a_failure_arrived_before_the_order() {
        run.on(reserved(A), declined());
        assertThat(run.sent).containsExactly(release(A));
        assertThat(run.on(placed())).containsExactly(cancel("INSUFFICIENT_FUNDS"));
    }

    @Test
    void completes_once_its_stock_commits_arrive_in_any_order_after_the_shipping() {
        run.on(placed(), reserved(A), reserved(B), charged(), shipmentCreated(), shipped());
        assertThat(run.status()).as("shipped, its stock still held").isEqualTo(FulfilmentStatus.SHIPPING);
        assertThat(run.on(committed(B), committed(A))).isEmpty();
        assertThat(run.status()).isEqualTo(FulfilmentStatus.COMPLETED);
    }

    @Test
    void releases_a_reservation_that_lands_after_the_saga_was_cancelled() {
        run.on(placed(), reservationFailed(A), declined(), cancelled("INSUFFICIENT_STOCK"));
        assertThat(run.status()).isEqualTo(FulfilmentStatus.CANCELLED);
        assertThat(run.on(reserved(B))).containsExactly(release(B));
        assertThat(run.status()).isEqualTo(FulfilmentStatus.COMPENSATING);
        assertThat(run.on(released(B))).isEmpty();
        assertThat(run.status()).isEqualTo(FulfilmentStatus.CANCELLED);
    }

    @Test
    void refunds_a_charge_that_lands_after_compensation_started() {
        run.on(placed(), reservationFailed(A), reservationFailed(B));
        assertThat(run.on(charged())).containsExactly(refund());
        run.on(cancelled("INSUFFICIENT_STOCK"));
        assertThat(run.status()).isEqualTo(FulfilmentStatus.COMPENSATING);
        run.on(refunded());
        assertThat(run.status()).isEqualTo(FulfilmentStatus.CANCELLED);
    }

    @Test
    void a_deadline_before_the_order_cancels_it_as_soon_as_it_arrives() {
        run.on(deadline());
        assertThat(run.status()).as("nothing held, nothing to cancel yet").isEqualTo(FulfilmentStatus.CANCELLED);
        assertThat(run.on(placed())).containsExactly(cancel(OrderFulfilment.DEADLINE_PASSED));
        assertThat(run.status()).isEqualTo(FulfilmentStatus.COMPENSATING);
        run.on(cancelled(OrderFulfilment.DEADLINE_PASSED));
        assertThat(run.status()).isEqualTo(FulfilmentStatus.CANCELLED);
    }

    @Test
    void the_state_is_immutable() {
        run.on(placed(), reserved(A));
        assertThat(run.state.reserved()).isUnmodifiable();
        assertThat(run.state.steps()).isUnmodifiable();
        assertThat(run.state.due()).isUnmodifiable();
    }
}
