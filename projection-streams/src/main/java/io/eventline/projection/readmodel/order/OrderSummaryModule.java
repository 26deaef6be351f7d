package io.eventline.projection.readmodel.order;

import io.eventline.contracts.mapping.Aggregates;
import io.eventline.projection.readmodel.AggregateView;
import io.eventline.projection.readmodel.AggregateViewModule;
import io.eventline.schemas.avro.readmodel.StoredOrderSummary;
import io.eventline.domain.order.OrderEvent;
import java.time.Duration;

/** Order summaries by orderId: order events → {@link OrderSummaryMapping} → store "order-summary". */
public final class OrderSummaryModule extends AggregateViewModule<OrderEvent, StoredOrderSummary> {

    public static final AggregateView<OrderEvent, StoredOrderSummary> VIEW = new AggregateView<>("order-summary", "order", "order",
            Aggregates::order, StoredOrderSummary.class, new OrderSummaryMapping(), OrderSummaryMapping::json, StoredOrderSummary::getVersion,
            "/readmodels/orders", "orderId");
    public static final String NAME = VIEW.name();
    public static final String STORE = VIEW.name();

    public OrderSummaryModule() {
        this(MIN_VERSION_WAIT);
    }

    /** @param minVersionWait how long a query with {@code minVersion} may wait for the read model to catch up */
    public OrderSummaryModule(Duration minVersionWait) {
        super(VIEW, minVersionWait);
    }
}
