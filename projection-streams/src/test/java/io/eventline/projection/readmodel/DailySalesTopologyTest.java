package io.eventline.projection.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderEvent.OrderCancelled;
import io.eventline.domain.order.OrderEvent.OrderConfirmed;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.order.OrderState;
import io.eventline.projection.readmodel.sales.DailySalesModule;
import io.eventline.projection.readmodel.sales.DailySalesTopology;
import io.eventline.schemas.avro.readmodel.StoredDailySales;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailySalesTopologyTest {

    static final Instant LATE_ON_THE_24TH = Instant.parse("2026-11-24T23:30:00Z");
    static final Instant EARLY_ON_THE_25TH = Instant.parse("2026-11-25T00:10:00Z");

    @TempDir
    Path stateDir;
    ReadModelDriver driver;
    AggregateType<OrderCommand, OrderState, OrderEvent> orders;

    @BeforeEach
    void start() {
        driver = new ReadModelDriver(new DailySalesModule(), stateDir);
        orders = Aggregates.order(driver.registry);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void counts_each_confirmed_order_on_its_confirmations_utc_day_in_its_currency() {
        place("o1", "EUR", 1500, LATE_ON_THE_24TH.minusSeconds(3600));
        place("o2", "EUR", 2500, LATE_ON_THE_24TH.minusSeconds(60));
        place("o3", "USD", 700, LATE_ON_THE_24TH);
        place("o4", "EUR", 100, LATE_ON_THE_24TH);
        driver.event(orders, "o1", 2, LATE_ON_THE_24TH, new OrderConfirmed("o1"));
        driver.event(orders, "o3", 2, LATE_ON_THE_24TH.plusSeconds(60), new OrderConfirmed("o3"));
        // Placed on the 24th, confirmed on the 25th: a sale of the 25th.
        driver.event(orders, "o2", 2, EARLY_ON_THE_25TH, new OrderConfirmed("o2"));

        Map<String, StoredDailySales> sales = driver.all(DailySalesTopology.STORE);
        assertThat(sales).containsOnlyKeys("2026-11-24|EUR", "2026-11-24|USD", "2026-11-25|EUR");
        assertThat(sales.get("2026-11-24|EUR")).isEqualTo(new StoredDailySales("2026-11-24", "EUR", 1L, 1500L, LATE_ON_THE_24TH));
        assertThat(sales.get("2026-11-24|USD")).isEqualTo(
                new StoredDailySales("2026-11-24", "USD", 1L, 700L, LATE_ON_THE_24TH.plusSeconds(60)));
        assertThat(sales.get("2026-11-25|EUR")).isEqualTo(new StoredDailySales("2026-11-25", "EUR", 1L, 2500L, EARLY_ON_THE_25TH));
        assertThat(driver.<Long>all(DailySalesTopology.ORDER_VERSIONS))
                .as("the confirmed version of each order counted").isEqualTo(Map.of("o1", 2L, "o2", 2L, "o3", 2L));
    }

    @Test
    void a_replayed_confirmation_counts_once() {
        place("o1", "EUR", 1500, LATE_ON_THE_24TH);
        driver.event(orders, "o1", 2, LATE_ON_THE_24TH, new OrderConfirmed("o1"));
        driver.event(orders, "o1", 1, LATE_ON_THE_24TH, placed("o1", "EUR", 1500));
        driver.event(orders, "o1", 2, LATE_ON_THE_24TH, new OrderConfirmed("o1"));

        StoredDailySales day = driver.get(DailySalesTopology.STORE, "2026-11-24|EUR");
        assertThat(day.getOrders()).isEqualTo(1);
        assertThat(day.getRevenue()).isEqualTo(1500);
    }

    @Test
    void a_cancellation_after_confirmation_leaves_the_days_sales_as_confirmed() {
        place("o1", "EUR", 1500, LATE_ON_THE_24TH);
        driver.event(orders, "o1", 2, LATE_ON_THE_24TH, new OrderConfirmed("o1"));
        driver.event(orders, "o1", 3, EARLY_ON_THE_25TH, new OrderCancelled("o1", "returned"));

        StoredDailySales day = driver.get(DailySalesTopology.STORE, "2026-11-24|EUR");
        assertThat(day.getOrders()).isEqualTo(1);
        assertThat(day.getRevenue()).isEqualTo(1500);
        assertThat(driver.all(DailySalesTopology.STORE)).hasSize(1);
    }

    private void place(String orderId, String currency, long total, Instant at) {
        driver.event(orders, orderId, 1, at, placed(orderId, currency, total));
    }

    private static OrderPlaced placed(String orderId, String currency, long total) {
        return new OrderPlaced(orderId, "alice", List.of(new OrderLine("SKU", 1, total)), currency);
    }
}
