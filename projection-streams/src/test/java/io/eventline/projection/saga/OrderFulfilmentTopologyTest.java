package io.eventline.projection.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregatePartitioner;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.fulfilment.CommandKind;
import io.eventline.domain.fulfilment.FulfilmentStatus;
import io.eventline.domain.fulfilment.OrderFulfilment;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.shipment.ShipmentCommand;
import io.eventline.domain.shipment.ShipmentEvent;
import io.eventline.domain.shipment.ShipmentLine;
import io.eventline.projection.saga.SagaDriver.Sent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderFulfilmentTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final String ORDER = "order-7";
    static final String ALICE = "alice";
    static final String CORRELATION = "checkout-42";
    static final OrderLine A = new OrderLine("SKU-A", 2, 500);
    static final OrderLine B = new OrderLine("SKU-B", 1, 1_000);

    @TempDir
    Path stateDir;
    SagaDriver saga;

    @BeforeEach
    void start() {
        saga = new SagaDriver(new SagaSettings(DEADLINE, Duration.ofSeconds(1)), T0, stateDir);
    }

    @AfterEach
    void stop() {
        saga.close();
    }

    @Test
    void ships_an_order_once_its_stock_is_reserved_and_its_payment_charged() {
        String placedId = placed();
        List<Sent> first = saga.sent();
        assertThat(first).extracting(Sent::command).containsExactlyInAnyOrder(reserve(A), reserve(B), charge());
        assertThat(first).extracting(Sent::key).containsExactlyInAnyOrder(A.sku(), B.sku(), ALICE);
        assertThat(first).allSatisfy(s -> {
            assertThat(s.meta().correlationId()).isEqualTo(CORRELATION);
            assertThat(s.meta().causationId()).contains(placedId);
            assertThat(s.meta().actor()).isEqualTo("order-fulfilment");
            assertThat(s.meta().issuedAt()).isEqualTo(T0);
            assertThat(s.meta().aggregateId()).isEqualTo(s.key());
            assertThat(s.meta().expectedVersion()).isEmpty();
        });

        reserved(A);
        charged();
        assertThat(saga.sent()).isEmpty();
        Instant later = T0.plusSeconds(2);
        String lastReservation = saga.event("inventory", B.sku(), new InventoryEvent.StockReserved(B.sku(), ORDER, 1), later, CORRELATION);
        List<Sent> confirmation = saga.sent();
        assertThat(confirmation).extracting(Sent::command).containsExactlyInAnyOrder(
                new OrderCommand.ConfirmOrder(ORDER), new ShipmentCommand.CreateShipment(ORDER, shipmentLines()));
        assertThat(confirmation).allSatisfy(s -> {
            assertThat(s.meta().causationId()).contains(lastReservation);
            assertThat(s.meta().issuedAt()).as("the causing event's time, not the wall clock").isEqualTo(later);
        });

        saga.event("shipment", ORDER, new ShipmentEvent.ShipmentCreated(ORDER, shipmentLines()), T0, CORRELATION);
        assertThat(saga.sentCommands()).containsExactly(new OrderCommand.ShipOrder(ORDER));
        saga.event("order", ORDER, new OrderEvent.OrderShipped(ORDER), T0, CORRELATION);

        // Stock is committed once the order shipped, not before: until then it may still be cancelled.
        assertThat(saga.sentCommands()).containsExactlyInAnyOrder(
                new InventoryCommand.CommitStock(A.sku(), ORDER), new InventoryCommand.CommitStock(B.sku(), ORDER));
        assertThat(saga.saga(ORDER).state().status()).as("shipped, its stock not yet committed").isEqualTo(FulfilmentStatus.SHIPPING);
        saga.event("inventory", A.sku(), new InventoryEvent.StockCommitted(A.sku(), ORDER, A.quantity()), T0, CORRELATION);
        saga.event("inventory", B.sku(), new InventoryEvent.StockCommitted(B.sku(), ORDER, B.quantity()), T0, CORRELATION);
        assertThat(saga.saga(ORDER).state().status()).isEqualTo(FulfilmentStatus.COMPLETED);
        assertThat(saga.saga(ORDER).deadline()).as("finished: no deadline").isEmpty();
        assertThat(saga.pendingDeadlines()).isZero();
        assertThat(saga.saga(ORDER).state().steps()).hasSize(8);
    }

    @Test
    void inputs_reach_the_saga_of_their_own_task_directly_and_every_other_through_the_repartition() {
        // The driver runs the one task of partition 0; the repartition has as many partitions as the topics.
        String here = orderIn(0);
        String elsewhere = orderIn(1);
        for (String order : List.of(here, elsewhere)) {
            saga.event("order", order, new OrderEvent.OrderPlaced(order, ALICE, List.of(A), "EUR"), T0, CORRELATION);
            saga.event("inventory", A.sku(), new InventoryEvent.StockReserved(A.sku(), order, A.quantity()), T0, CORRELATION);
            saga.event("account", ALICE, new AccountEvent.PaymentCharged(ALICE, order, 1_000), T0, CORRELATION);
            saga.event("shipment", order, new ShipmentEvent.ShipmentCreated(order,
                    List.of(new ShipmentLine(A.sku(), A.quantity()))), T0, CORRELATION);
        }

        assertThat(saga.repartitioned()).as("only the inputs of the order whose saga another task owns")
                .containsExactly(elsewhere, elsewhere, elsewhere, elsewhere);
        for (String order : List.of(here, elsewhere)) {
            assertThat(saga.saga(order).state().status()).as(order).isEqualTo(FulfilmentStatus.SHIPPING);
        }
        assertThat(saga.sentCommands()).contains(new OrderCommand.ShipOrder(here), new OrderCommand.ShipOrder(elsewhere));
    }

    /** An order id whose saga the task of {@code partition} owns. */
    private String orderIn(int partition) {
        for (int i = 0; ; i++) {
            String order = "order-" + i;
            if (AggregatePartitioner.partitionOf(order, saga.topics.partitions()) == partition) {
                return order;
            }
        }
    }

    @Test
    void an_inventory_event_it_cannot_decode_is_parked_with_the_skus_later_events_until_an_operator_skips_it() {
        placed();
        saga.sent();
        saga.undecodableEvent("inventory", A.sku(), T0);
        reserved(A);
        reserved(B);
        charged();

        assertThat(saga.parked(A.sku())).as("the unreadable event and the reservation behind it").isEqualTo(2);
        assertThat(saga.sent()).as("without A's reservation the order is not confirmed").isEmpty();

        saga.decision(new io.eventline.schemas.avro.readmodel.ParkingDecision("d-1", OrderFulfilmentTopology.NAME, A.sku(),
                io.eventline.schemas.avro.readmodel.ParkingAction.SKIP, null, "ops", T0.plusSeconds(1)));

        assertThat(saga.parked(A.sku())).isZero();
        assertThat(saga.sentCommands()).contains(new OrderCommand.ConfirmOrder(ORDER));
    }

    @Test
    void compensates_a_failed_reservation_by_releasing_refunding_and_cancelling() {
        placed();
        reserved(A);
        charged();
        saga.sent();
        saga.event("inventory", B.sku(), new InventoryEvent.StockReservationFailed(B.sku(), ORDER, 1, "INSUFFICIENT_STOCK"), T0, CORRELATION);

        assertThat(saga.sentCommands()).containsExactlyInAnyOrder(new InventoryCommand.ReleaseStock(A.sku(), ORDER),
                new AccountCommand.RefundPayment(ALICE, ORDER), new OrderCommand.CancelOrder(ORDER, "INSUFFICIENT_STOCK"));
        saga.event("inventory", A.sku(), new InventoryEvent.StockReleased(A.sku(), ORDER, 2), T0, CORRELATION);
        saga.event("account", ALICE, new AccountEvent.PaymentRefunded(ALICE, ORDER, 2_000), T0, CORRELATION);
        saga.event("order", ORDER, new OrderEvent.OrderCancelled(ORDER, "INSUFFICIENT_STOCK"), T0, CORRELATION);
        assertThat(saga.saga(ORDER).state().status()).isEqualTo(FulfilmentStatus.CANCELLED);
    }

    @Test
    void compensates_a_declined_payment_by_releasing_every_reservation_and_cancelling() {
        placed();
        reserved(A);
        reserved(B);
        saga.sent();
        saga.event("account", ALICE, new AccountEvent.PaymentDeclined(ALICE, ORDER, 2_000, "INSUFFICIENT_FUNDS"), T0, CORRELATION);

        assertThat(saga.sentCommands()).containsExactlyInAnyOrder(new InventoryCommand.ReleaseStock(A.sku(), ORDER),
                new InventoryCommand.ReleaseStock(B.sku(), ORDER), new OrderCommand.CancelOrder(ORDER, "INSUFFICIENT_FUNDS"));
        assertThat(saga.saga(ORDER).state().status()).isEqualTo(FulfilmentStatus.COMPENSATING);
    }

    @Test
    void a_refused_charge_on_the_results_topic_compensates_with_the_refusal_code() {
        placed();
        Sent charge = saga.sent().stream().filter(s -> s.command() instanceof AccountCommand.ChargePayment).findFirst().orElseThrow();
        reserved(A);
        reserved(B);
        saga.rejected("someone-else's-command", "account", ALICE, "ACCOUNT_NOT_OPEN", T0);
        assertThat(saga.sent()).as("only the saga's own refusals concern it").isEmpty();

        saga.rejected(charge.meta().commandId(), "account", ALICE, "ACCOUNT_NOT_OPEN", T0.plusSeconds(1));

        List<Sent> compensation = saga.sent();
        assertThat(compensation).extracting(Sent::command).containsExactlyInAnyOrder(
                new InventoryCommand.ReleaseStock(A.sku(), ORDER), new InventoryCommand.ReleaseStock(B.sku(), ORDER),
                new OrderCommand.CancelOrder(ORDER, "ACCOUNT_NOT_OPEN"));
        assertThat(compensation).allSatisfy(s -> {
            assertThat(s.meta().causationId()).contains(charge.meta().commandId());
            assertThat(s.meta().correlationId()).as("the order's, though a result carries none").isEqualTo(CORRELATION);
        });
        assertThat(saga.saga(ORDER).state().reason()).isEqualTo("ACCOUNT_NOT_OPEN");
    }

    @Test
    void the_deadline_compensates_an_order_that_is_not_confirmed_in_time() {
        placed();
        reserved(A);
        saga.sent();
        assertThat(saga.saga(ORDER).deadline()).contains(T0.plus(DEADLINE));
        assertThat(saga.pendingDeadlines()).isEqualTo(1);

        saga.advance(DEADLINE.minusSeconds(2));
        assertThat(saga.sent()).as("not yet due").isEmpty();
        saga.advance(Duration.ofSeconds(3));

        List<Sent> compensation = saga.sent();
        assertThat(compensation).extracting(Sent::command).containsExactlyInAnyOrder(
                new InventoryCommand.ReleaseStock(A.sku(), ORDER), new OrderCommand.CancelOrder(ORDER, OrderFulfilment.DEADLINE_PASSED));
        assertThat(compensation).allSatisfy(s -> {
            assertThat(s.meta().issuedAt()).as("issued at the due time, whenever the scan ran").isEqualTo(T0.plus(DEADLINE));
            assertThat(s.meta().correlationId()).isEqualTo(CORRELATION);
        });
        assertThat(saga.saga(ORDER).deadline()).as("compensation has a deadline of its own")
                .contains(T0.plus(DEADLINE).plus(DEADLINE));
        assertThat(saga.pendingDeadlines()).isEqualTo(1);
        saga.advance(Duration.ofMinutes(5));
        assertThat(saga.sent()).as("a deadline compensates once").isEmpty();
        assertThat(saga.saga(ORDER).state().status()).as("compensation never answered: parked")
                .isEqualTo(FulfilmentStatus.STUCK);
        assertThat(saga.saga(ORDER).deadline()).isEmpty();
        assertThat(saga.pendingDeadlines()).isZero();
    }

    @Test
    void after_confirmation_a_saga_that_does_not_move_on_before_its_deadline_is_parked_as_stuck() {
        placed();
        reserved(A);
        reserved(B);
        charged();
        assertThat(saga.sentCommands()).contains(new OrderCommand.ConfirmOrder(ORDER));
        assertThat(saga.saga(ORDER).deadline()).as("every saga that is not finished has a deadline").isPresent();
        assertThat(saga.pendingDeadlines()).isEqualTo(1);

        saga.advance(DEADLINE.multipliedBy(3));

        assertThat(saga.sent()).as("a confirmed order is not compensated by a deadline").isEmpty();
        StoredSaga parked = saga.saga(ORDER);
        assertThat(parked.state().reason()).isNull();
        assertThat(parked.state().status()).isEqualTo(FulfilmentStatus.STUCK);
        assertThat(parked.state().stuck()).isEqualTo("DEADLINE_PASSED while AWAITING_SHIPMENT, waiting for ShipmentCreated");
        assertThat(parked.deadline()).as("parked: nothing left to wait for").isEmpty();
        assertThat(saga.pendingDeadlines()).isZero();
    }

    @Test
    void a_later_step_refused_as_processing_failed_ends_stuck_with_the_refusal_not_waiting_for_ever() {
        placed();
        reserved(A);
        reserved(B);
        charged();
        saga.event("shipment", ORDER, new ShipmentEvent.ShipmentCreated(ORDER, shipmentLines()), T0, CORRELATION);
        String shipOrder = saga.sent().stream().filter(s -> s.command() instanceof OrderCommand.ShipOrder).findFirst()
                .orElseThrow().meta().commandId();
        saga.rejected(shipOrder, "order", ORDER, "PROCESSING_FAILED", T0.plusSeconds(1));
        assertThat(saga.saga(ORDER).state().status()).isEqualTo(FulfilmentStatus.SHIPPING);

        saga.advance(DEADLINE.plusSeconds(5));

        StoredSaga parked = saga.saga(ORDER);
        assertThat(parked.state().status()).isEqualTo(FulfilmentStatus.STUCK);
        assertThat(parked.state().stuck()).isEqualTo("DEADLINE_PASSED while SHIPPING, waiting for OrderShipped;"
                + " last refusal: SHIP_ORDER refused: PROCESSING_FAILED");
        assertThat(SagaView.of(parked, new OrderFulfilment())).satisfies(view -> {
            assertThat(view.status()).isEqualTo("STUCK");
            assertThat(view.stuck()).startsWith("DEADLINE_PASSED while SHIPPING");
            assertThat(view.terminal()).isFalse();
        });
    }

    @Test
    void a_deadline_waits_until_the_input_is_processed_up_to_its_due_time_so_a_reply_in_the_backlog_is_seen_first(
            @TempDir Path otherDir) {
        AtomicReference<Instant> processedUpTo = new AtomicReference<>(T0);
        try (SagaDriver behind = new SagaDriver(new SagaSettings(DEADLINE, Duration.ofSeconds(1)), T0, otherDir,
                now -> processedUpTo.get().isAfter(now) ? now : processedUpTo.get())) {
            behind.event("order", ORDER, new OrderEvent.OrderPlaced(ORDER, ALICE, List.of(A, B), "EUR"), T0, CORRELATION);
            behind.sent();
            behind.advance(DEADLINE.plusSeconds(20));
            assertThat(behind.sent()).as("due by the wall clock, but the input is known processed only up to T0").isEmpty();

            // The replies were committed before the due time and waited in the backlog (a restart, say).
            Instant replied = T0.plus(DEADLINE).minusSeconds(1);
            behind.event("inventory", A.sku(), new InventoryEvent.StockReserved(A.sku(), ORDER, A.quantity()), replied, CORRELATION);
            behind.event("inventory", B.sku(), new InventoryEvent.StockReserved(B.sku(), ORDER, B.quantity()), replied, CORRELATION);
            behind.event("account", ALICE, new AccountEvent.PaymentCharged(ALICE, ORDER, 2_000), replied, CORRELATION);
            processedUpTo.set(T0.plus(DEADLINE).plusSeconds(20));
            behind.advance(Duration.ofSeconds(2));

            assertThat(behind.sentCommands()).contains(new OrderCommand.ConfirmOrder(ORDER))
                    .noneMatch(c -> c instanceof OrderCommand.CancelOrder);
            assertThat(behind.saga(ORDER).state().reason()).isNull();
            assertThat(behind.saga(ORDER).state().status()).isEqualTo(FulfilmentStatus.AWAITING_SHIPMENT);
        }
    }

    @Test
    void one_scan_fires_a_bounded_number_of_deadlines_and_the_next_scans_the_rest(@TempDir Path otherDir) {
        int orders = SagaSettings.MAX_DEADLINES_PER_SCAN + 100;
        try (SagaDriver many = new SagaDriver(new SagaSettings(DEADLINE, Duration.ofSeconds(1)), T0, otherDir)) {
            for (int i = 0; i < orders; i++) {
                many.event("order", "order-" + i, new OrderEvent.OrderPlaced("order-" + i, ALICE, List.of(A), "EUR"), T0,
                        "c-" + i);
            }
            many.sent();
            assertThat(many.pendingDeadlines()).isEqualTo(orders);

            many.advance(DEADLINE.plusSeconds(1));
            long cancelled = many.sentCommands().stream().filter(c -> c instanceof OrderCommand.CancelOrder).count();
            assertThat(cancelled).as("one scan, one transaction: bounded").isEqualTo(SagaSettings.MAX_DEADLINES_PER_SCAN);

            many.advance(Duration.ofSeconds(1));
            assertThat(many.sentCommands().stream().filter(c -> c instanceof OrderCommand.CancelOrder).count())
                    .as("the next scan, the rest").isEqualTo(100);
        }
    }

    @Test
    void duplicate_events_send_no_command_twice() {
        placed();
        placed();
        reserved(A);
        reserved(A);
        reserved(B);
        charged();
        charged();
        reserved(B);

        List<Object> sent = saga.sentCommands();
        assertThat(sent).hasSize(5).doesNotHaveDuplicates();
        assertThat(sent).contains(new OrderCommand.ConfirmOrder(ORDER));
        assertThat(saga.pendingDeadlines()).as("one deadline per saga, whatever the duplicates").isEqualTo(1);

        saga.redeliverEverything();
        assertThat(saga.sent()).as("the same records delivered again").isEmpty();
    }

    @Test
    void ignores_events_that_concern_no_order() {
        saga.event("inventory", A.sku(), new InventoryEvent.StockAdded(A.sku(), 10), T0, "restock");
        saga.event("account", ALICE, new AccountEvent.AccountOpened(ALICE, "EUR"), T0, "onboarding");
        saga.event("account", ALICE, new AccountEvent.MoneyDeposited(ALICE, 5_000), T0, "onboarding");
        saga.event("order", ORDER, new OrderEvent.OrderConfirmed(ORDER), T0, CORRELATION);

        assertThat(saga.sent()).isEmpty();
        assertThat(saga.saga(ORDER)).isNull();
        assertThat(saga.saga(A.sku())).isNull();
    }

    @Test
    void command_ids_derive_from_the_causing_event_and_name_their_order_and_kind(@TempDir Path otherDir) {
        placed();
        List<String> ids = saga.sent().stream().map(s -> s.meta().commandId()).sorted().toList();

        List<String> again;
        try (SagaDriver replay = new SagaDriver(new SagaSettings(DEADLINE, Duration.ofSeconds(1)), T0, otherDir)) {
            replay.event("order", ORDER, new OrderEvent.OrderPlaced(ORDER, ALICE, List.of(A, B), "EUR"), T0, CORRELATION);
            again = replay.sent().stream().map(s -> s.meta().commandId()).sorted().toList();
        }

        assertThat(again).as("the same input gives the same ids in another run").isEqualTo(ids);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).extracting(id -> SagaCommandIds.parse(id).orElseThrow())
                .extracting(SagaCommandIds.Sent::orderId).containsOnly(ORDER);
        assertThat(ids).extracting(id -> SagaCommandIds.parse(id).orElseThrow().kind())
                .containsExactlyInAnyOrder(CommandKind.RESERVE_STOCK, CommandKind.RESERVE_STOCK, CommandKind.CHARGE_PAYMENT);
    }

    @Test
    void sagas_and_deadlines_are_kept_in_logged_stores_so_they_survive_a_restart() {
        placed();

        for (String store : List.of(OrderFulfilmentTopology.SAGA_STORE, OrderFulfilmentTopology.DEADLINE_STORE)) {
            String changelog = SagaDriver.APP_ID + "-" + store + "-changelog";
            assertThat(saga.driver.producedTopicNames()).contains(changelog);
            var records = saga.driver.createOutputTopic(changelog, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                    .readRecordsToList();
            assertThat(records).as(changelog).hasSize(1);
        }
        var deadline = saga.driver.createOutputTopic(SagaDriver.APP_ID + "-" + OrderFulfilmentTopology.DEADLINE_STORE + "-changelog",
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        saga.advance(DEADLINE.plusSeconds(1));
        var changes = deadline.readRecordsToList();
        assertThat(changes).as("the fired deadline's removal is logged too, then compensation's own deadline").hasSize(2);
        assertThat(changes.get(0).value()).isNull();
        assertThat(changes.get(1).value()).isNotNull();
    }

    private String placed() {
        return saga.event("order", ORDER, new OrderEvent.OrderPlaced(ORDER, ALICE, List.of(A, B), "EUR"), T0, CORRELATION);
    }

    private void reserved(OrderLine line) {
        saga.event("inventory", line.sku(), new InventoryEvent.StockReserved(line.sku(), ORDER, line.quantity()), T0, CORRELATION);
    }

    private void charged() {
        saga.event("account", ALICE, new AccountEvent.PaymentCharged(ALICE, ORDER, 2_000), T0, CORRELATION);
    }

    private static InventoryCommand reserve(OrderLine line) {
        return new InventoryCommand.ReserveStock(line.sku(), ORDER, line.quantity());
    }

    private static AccountCommand charge() {
        return new AccountCommand.ChargePayment(ALICE, ORDER, 2_000, "EUR");
    }

    private static List<ShipmentLine> shipmentLines() {
        return List.of(new ShipmentLine(A.sku(), A.quantity()), new ShipmentLine(B.sku(), B.quantity()));
    }
}
