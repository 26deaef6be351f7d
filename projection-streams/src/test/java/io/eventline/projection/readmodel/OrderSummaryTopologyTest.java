package io.eventline.projection.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderEvent.OrderCancelled;
import io.eventline.domain.order.OrderEvent.OrderConfirmed;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import io.eventline.domain.order.OrderEvent.OrderShipped;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.order.OrderState;
import io.eventline.projection.readmodel.order.OrderSummaryModule;
import io.eventline.projection.readmodel.parking.ParkingProcessor;
import io.eventline.schemas.avro.readmodel.OrderSummaryStatus;
import io.eventline.schemas.avro.readmodel.OrderTimelineEntry;
import io.eventline.schemas.avro.readmodel.StoredOrderSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderSummaryTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
    static final List<OrderLine> LINES = List.of(new OrderLine("SKU-1", 2, 1250), new OrderLine("SKU-2", 3, 100));

    @TempDir
    Path stateDir;
    ReadModelDriver driver;
    AggregateType<OrderCommand, OrderState, OrderEvent> orders;

    @BeforeEach
    void start() {
        driver = new ReadModelDriver(new OrderSummaryModule(), stateDir);
        orders = Aggregates.order(driver.registry);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void folds_an_orders_events_into_a_summary_with_every_field_its_timeline_and_its_version() {
        driver.event(orders, "o1", 1, T0, new OrderPlaced("o1", "alice", LINES, "EUR"));
        driver.event(orders, "o1", 2, T0.plusSeconds(5), new OrderConfirmed("o1"));
        driver.event(orders, "o1", 3, T0.plusSeconds(9), new OrderShipped("o1"));

        StoredOrderSummary summary = summary("o1");
        assertThat(summary.getOrderId()).isEqualTo("o1");
        assertThat(summary.getStatus()).isEqualTo(OrderSummaryStatus.SHIPPED);
        assertThat(summary.getCustomerId()).isEqualTo("alice");
        assertThat(summary.getLines()).extracting(l -> l.getSku() + "x" + l.getQuantity() + "@" + l.getUnitPrice())
                .containsExactly("SKU-1x2@1250", "SKU-2x3@100");
        assertThat(summary.getItemCount()).isEqualTo(5);
        assertThat(summary.getTotal()).isEqualTo(2800);
        assertThat(summary.getCurrency()).isEqualTo("EUR");
        assertThat(summary.getCancelReason()).isNull();
        assertThat(summary.getVersion()).isEqualTo(3);
        assertThat(summary.getTimeline()).containsExactly(
                new OrderTimelineEntry(1L, "OrderPlaced", T0),
                new OrderTimelineEntry(2L, "OrderConfirmed", T0.plusSeconds(5)),
                new OrderTimelineEntry(3L, "OrderShipped", T0.plusSeconds(9)));
        assertThat(driver.progress.lastApplied()).contains(T0.plusSeconds(9));
    }

    @Test
    void a_cancelled_order_shows_its_status_and_reason() {
        driver.event(orders, "o1", 1, T0, new OrderPlaced("o1", "alice", LINES, "EUR"));
        driver.event(orders, "o1", 2, T0.plusSeconds(1), new OrderCancelled("o1", "out of stock"));

        StoredOrderSummary summary = summary("o1");
        assertThat(summary.getStatus()).isEqualTo(OrderSummaryStatus.CANCELLED);
        assertThat(summary.getCancelReason()).isEqualTo("out of stock");
        assertThat(summary.getTotal()).as("the lines stay as placed").isEqualTo(2800);
        assertThat(summary.getVersion()).isEqualTo(2);
    }

    @Test
    void replayed_events_change_nothing_and_count_as_read_not_applied() {
        driver.event(orders, "o1", 1, T0, new OrderPlaced("o1", "alice", LINES, "EUR"));
        driver.event(orders, "o1", 2, T0.plusSeconds(5), new OrderConfirmed("o1"));
        StoredOrderSummary before = summary("o1");

        driver.event(orders, "o1", 1, T0, new OrderPlaced("o1", "alice", LINES, "EUR"));
        driver.event(orders, "o1", 2, T0.plusSeconds(5), new OrderConfirmed("o1"));
        driver.event(orders, "o1", 2, T0.plusSeconds(5), new OrderConfirmed("o1"));

        assertThat(summary("o1")).isEqualTo(before);
        assertThat(summary("o1").getTimeline()).hasSize(2);
        assertThat(driver.progress.eventsRead()).isEqualTo(5);
        assertThat(driver.progress.changesApplied()).isEqualTo(2);
    }

    @Test
    void orders_whose_events_interleave_each_keep_their_own_summary_and_version() {
        driver.event(orders, "o2", 1, T0, new OrderPlaced("o2", "bob", List.of(new OrderLine("SKU-9", 1, 999)), "USD"));
        driver.event(orders, "o1", 1, T0.plusSeconds(1), new OrderPlaced("o1", "alice", LINES, "EUR"));
        driver.event(orders, "o2", 2, T0.plusSeconds(2), new OrderCancelled("o2", "changed my mind"));
        driver.event(orders, "o1", 2, T0.plusSeconds(3), new OrderConfirmed("o1"));

        assertThat(summary("o1").getStatus()).isEqualTo(OrderSummaryStatus.CONFIRMED);
        assertThat(summary("o1").getVersion()).isEqualTo(2);
        assertThat(summary("o2").getStatus()).isEqualTo(OrderSummaryStatus.CANCELLED);
        assertThat(summary("o2").getCustomerId()).isEqualTo("bob");
        assertThat(summary("o2").getCurrency()).isEqualTo("USD");
        assertThat(summary("o2").getTotal()).isEqualTo(999);
        assertThat(summary("o2").getVersion()).isEqualTo(2);
    }

    @Test
    void parks_a_record_whose_key_names_no_order_and_goes_on_with_the_orders() {
        driver.raw("order", "k".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
        driver.event(orders, "o1", 1, T0, new OrderPlaced("o1", "alice", LINES, "EUR"));

        assertThat(summary("o1").getVersion()).isEqualTo(1);
        assertThat(driver.<Object>all(ParkingProcessor.parkedStore(OrderSummaryModule.NAME)))
                .containsOnlyKeys("unreadable-key:" + driver.topics.events("order") + ":0");
    }

    private StoredOrderSummary summary(String orderId) {
        return driver.get(OrderSummaryModule.STORE, orderId);
    }
}
