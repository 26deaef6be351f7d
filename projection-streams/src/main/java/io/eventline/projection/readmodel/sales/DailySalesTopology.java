package io.eventline.projection.readmodel.sales;

import io.eventline.contracts.AggregateType;
import io.eventline.domain.order.OrderEvent;
import io.eventline.projection.readmodel.EventSource;
import io.eventline.projection.readmodel.ProjectionProgress;
import io.eventline.schemas.avro.readmodel.ConfirmedOrderSale;
import io.eventline.schemas.avro.readmodel.OrderFacts;
import io.eventline.schemas.avro.readmodel.StoredDailySales;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Daily sales per currency: order events → in the order's partition, turn each OrderConfirmed into a
 * sale of the order's placed total on the confirmation's UTC day (store "daily-sales-orders" keeps
 * what OrderPlaced said) → repartition "daily-sales-by-day" → add it to "daily-sales", keyed
 * {@code day|currency}, once per order ("daily-sales-order-versions").
 *
 * <p>A cancellation after confirmation does not take the sale back out: a day's sales are what was
 * confirmed that day, and {@code DailySalesView} only adds. Cancellations show in the order summary
 * and the customer stats.
 */
public final class DailySalesTopology {

    public static final String NAME = "daily-sales";
    public static final String STORE = "daily-sales";
    public static final String ORDERS = "daily-sales-orders";
    public static final String ORDER_VERSIONS = "daily-sales-order-versions";
    public static final String BY_DAY = "daily-sales-by-day";

    private DailySalesTopology() {}

    public static void addTo(StreamsBuilder builder, Topics topics, AggregateType<?, ?, OrderEvent> orders,
                             SchemaRegistry registry, ProjectionProgress progress) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDERS),
                Serdes.String(), AvroSerde.forValues(OrderFacts.class, registry)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), AvroSerde.forValues(StoredDailySales.class, registry)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_VERSIONS),
                Serdes.String(), Serdes.Long()));
        EventSource.events(builder, topics, registry, orders, NAME, progress)
                .process(RouteConfirmedSale::new, Named.as(NAME + "-route-to-day"), ORDERS)
                .repartition(Repartitioned.with(Serdes.String(), AvroSerde.forValues(ConfirmedOrderSale.class, registry))
                        .withName(BY_DAY))
                .processValues(() -> new ApplySale(progress), Named.as(NAME + "-apply"), STORE, ORDER_VERSIONS);
    }

    /** The store key of a day's sales in one currency. */
    public static String key(String day, String currency) {
        return day + "|" + currency;
    }
}
