package io.eventline.projection.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderEvent.OrderCancelled;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import io.eventline.domain.order.OrderEvent.OrderShipped;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.order.OrderState;
import io.eventline.projection.readmodel.order.OrderSummaryMapping;
import io.eventline.projection.readmodel.order.OrderSummaryModule;
import io.eventline.projection.readmodel.parking.ParkingProcessor;
import io.eventline.projection.readmodel.parking.ParkingRoutes;
import io.eventline.schemas.avro.readmodel.OrderSummaryStatus;
import io.eventline.schemas.avro.readmodel.ParkedRecord;
import io.eventline.schemas.avro.readmodel.ParkedRecords;
import io.eventline.schemas.avro.readmodel.ParkingAction;
import io.eventline.schemas.avro.readmodel.ParkingDecision;
import io.eventline.schemas.avro.readmodel.StoredOrderSummary;
import io.eventline.service.app.FailingRecords;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read model never skips an event silently: what it cannot decode or apply is parked with the
 * later events of its aggregate, other aggregates go on, and an operator's decision (retry after a
 * fix, or skip) releases them.
 */
class ParkingTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final List<OrderLine> LINES = List.of(new OrderLine("SKU-1", 1, 500));
    static final String NAME = OrderSummaryModule.NAME;
    static final String PARKED = ParkingProcessor.parkedStore(NAME);

    /** A fold with a bug that can be switched: it throws on OrderCancelled while broken. */
    static final AtomicBoolean BROKEN = new AtomicBoolean();

    @TempDir
    Path stateDir;
    final FailingRecords failures = new FailingRecords(1, Clock.systemUTC());
    ReadModelDriver driver;
    AggregateType<OrderCommand, OrderState, OrderEvent> orders;

    void start() {
        OrderSummaryMapping mapping = new OrderSummaryMapping();
        VersionedFold<OrderEvent, StoredOrderSummary> buggy = new VersionedFold<>() {
            @Override
            public StoredOrderSummary initial(String aggregateId) {
                return mapping.initial(aggregateId);
            }

            @Override
            public long version(StoredOrderSummary value) {
                return mapping.version(value);
            }

            @Override
            public StoredOrderSummary apply(StoredOrderSummary value, EventEnvelope<OrderEvent> event) {
                if (BROKEN.get() && event.event() instanceof OrderCancelled) {
                    throw new IllegalStateException("a bug in the order summary's fold");
                }
                return mapping.apply(value, event);
            }
        };
        AggregateView<OrderEvent, StoredOrderSummary> v = OrderSummaryModule.VIEW;
        AggregateView<OrderEvent, StoredOrderSummary> view = new AggregateView<>(v.name(), v.what(), v.aggregateType(), v.type(),
                v.storedType(), buggy, v.json(), v.version(), v.path(), v.key());
        driver = new ReadModelDriver(new AggregateViewModule<>(view, AggregateViewModule.MIN_VERSION_WAIT), stateDir, failures);
        orders = Aggregates.order(driver.registry);
    }

    @AfterEach
    void stop() {
        BROKEN.set(false);
        driver.close();
    }

    @Test
    void an_event_that_does_not_decode_is_parked_with_every_later_event_of_its_order_while_other_orders_go_on() {
        start();
        driver.event(orders, "o1", 1, T0, new OrderPlaced("o1", "alice", LINES, "EUR"));
        driver.undecodableEvent("order", "o1", 2, T0.plusSeconds(1));
        driver.event(orders, "o1", 3, T0.plusSeconds(2), new OrderShipped("o1"));
        driver.event(orders, "o2", 1, T0.plusSeconds(3), new OrderPlaced("o2", "bob", LINES, "EUR"));

        assertThat(summary("o1").getVersion()).as("o1's view stops before the event it could not read").isEqualTo(1);
        assertThat(summary("o2").getVersion()).isEqualTo(1);
        ParkedRecords parked = parked("o1");
        assertThat(parked.getRecords()).extracting(ParkedRecord::getOffset).containsExactly(1L, 2L);
        assertThat(parked.getRecords().get(0).getReason()).startsWith("undecodable: ");
        assertThat(parked.getRecords().get(1).getReason())
                .isEqualTo("waits behind the parked record " + driver.topics.events("order") + "/0@1");
        assertThat(ParkingRoutes.json(parked)).containsEntry("parkedRecords", 2).containsEntry("key", "o1");
        assertThat(driver.<ParkedRecords>all(PARKED)).containsOnlyKeys("o1");
    }

    @Test
    void a_skip_drops_the_first_parked_event_and_applies_the_ones_behind_it_once() {
        start();
        driver.event(orders, "o1", 1, T0, new OrderPlaced("o1", "alice", LINES, "EUR"));
        driver.undecodableEvent("order", "o1", 2, T0.plusSeconds(1));
        driver.event(orders, "o1", 3, T0.plusSeconds(2), new OrderShipped("o1"));

        ParkingDecision skip = decision(ParkingAction.SKIP, null, T0.plusSeconds(60));
        driver.decision(skip);

        assertThat(summary("o1").getVersion()).isEqualTo(3);
        assertThat(summary("o1").getStatus()).isEqualTo(OrderSummaryStatus.SHIPPED);
        assertThat(driver.<ParkedRecords>all(PARKED)).isEmpty();

        // Once released, the order's later events are applied as they come, not parked.
        driver.event(orders, "o1", 4, T0.plusSeconds(3), new OrderCancelled("o1", "late"));
        assertThat(summary("o1").getVersion()).isEqualTo(4);
    }

    @Test
    void an_event_the_fold_keeps_failing_on_is_parked_and_a_retry_applies_it_once_the_bug_is_fixed() {
        start();
        BROKEN.set(true);
        driver.event(orders, "o1", 1, T0, new OrderPlaced("o1", "alice", LINES, "EUR"));
        // While the ledger has not given up on it, a failing event fails its task: the service's
        // thread is replaced and the record read again, nothing of the attempt committed.
        assertThatThrownBy(() -> driver.event(orders, "o1", 2, T0.plusSeconds(1), new OrderCancelled("o1", "first try")))
                .isInstanceOf(StreamsException.class).hasStackTraceContaining("a bug in the order summary's fold");
        // The next read of it, after it failed as often as allowed (one attempt here), parks it.
        String topic = driver.topics.events("order");
        failures.failed(new FailingRecords.Coordinates(topic, 0, 2), new IllegalStateException("a bug in the order summary's fold"));
        driver.event(orders, "o1", 2, T0.plusSeconds(1), new OrderCancelled("o1", "changed my mind"));
        driver.event(orders, "o1", 3, T0.plusSeconds(2), new OrderShipped("o1"));

        assertThat(summary("o1").getVersion()).isEqualTo(1);
        assertThat(parked("o1").getRecords()).extracting(ParkedRecord::getOffset).containsExactly(2L, 3L);
        assertThat(parked("o1").getRecords().get(0).getReason()).contains("failed 1 time").contains("a bug in the order summary's fold");

        // A retry while the bug is still there changes nothing, and says why.
        ParkingDecision tooEarly = decision(ParkingAction.RETRY, null, T0.plusSeconds(60));
        driver.decision(tooEarly);
        assertThat(summary("o1").getVersion()).isEqualTo(1);
        assertThat(parked("o1").getLastDecision()).isEqualTo(tooEarly.getId());
        assertThat(parked("o1").getRecords().get(0).getReason()).startsWith("retried on ops's decision " + tooEarly.getId());

        // The fix deployed, a new retry applies both, in order.
        BROKEN.set(false);
        driver.decision(decision(ParkingAction.RETRY, null, T0.plusSeconds(120)));
        assertThat(summary("o1").getVersion()).isEqualTo(3);
        assertThat(driver.<ParkedRecords>all(PARKED)).isEmpty();
    }

    @Test
    void a_decision_made_before_the_records_were_parked_is_about_an_earlier_parking_and_changes_nothing() {
        start();
        driver.event(orders, "o1", 1, T0, new OrderPlaced("o1", "alice", LINES, "EUR"));
        driver.undecodableEvent("order", "o1", 2, T0.plusSeconds(10));

        driver.decision(decision(ParkingAction.SKIP, null, T0.plusSeconds(5)));

        assertThat(parked("o1").getRecords()).hasSize(1);
        assertThat(parked("o1").getLastDecision()).isNull();
    }

    @Test
    void a_skip_naming_a_record_drops_that_one_only() {
        start();
        driver.event(orders, "o1", 1, T0, new OrderPlaced("o1", "alice", LINES, "EUR"));
        driver.undecodableEvent("order", "o1", 2, T0.plusSeconds(1));
        driver.undecodableEvent("order", "o1", 3, T0.plusSeconds(2));
        String topic = driver.topics.events("order");

        driver.decision(decision(ParkingAction.SKIP, topic + "/0@2", T0.plusSeconds(60)));

        // The first still does not decode: it stays, with the decision's reason.
        assertThat(parked("o1").getRecords()).extracting(ParkedRecord::getOffset).containsExactly(1L);
        assertThat(summary("o1").getVersion()).isEqualTo(1);
    }

    private ParkingDecision decision(ParkingAction action, String skip, Instant at) {
        return new ParkingDecision(UUID.randomUUID().toString(), NAME, "o1", action, skip, "ops", at);
    }

    private StoredOrderSummary summary(String id) {
        return driver.get(NAME, id);
    }

    private ParkedRecords parked(String id) {
        return driver.get(PARKED, id);
    }
}
