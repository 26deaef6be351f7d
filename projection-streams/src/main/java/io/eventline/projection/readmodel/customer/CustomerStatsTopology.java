package io.eventline.projection.readmodel.customer;

import io.eventline.contracts.AggregateType;
import io.eventline.domain.order.OrderEvent;
import io.eventline.projection.readmodel.EventSource;
import io.eventline.projection.readmodel.ProjectionProgress;
import io.eventline.schemas.avro.readmodel.CustomerOrderEvent;
import io.eventline.schemas.avro.readmodel.OrderFacts;
import io.eventline.schemas.avro.readmodel.StoredCustomerStats;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Customer stats: order events → in the order's partition, route each to its customer (store
 * "customer-stats-orders" remembers order → customer) → repartition "customer-stats-by-customer" →
 * in the customer's partition, fold into "customer-stats", remembering each order's applied version
 * in "customer-stats-order-versions".
 *
 * <p>One order's events stay in order on the way (one task writes them, in version order, to one
 * partition); events of different orders may interleave in any order, which the stats do not mind.
 */
public final class CustomerStatsTopology {

    public static final String NAME = "customer-stats";
    public static final String STORE = "customer-stats";
    public static final String ORDERS = "customer-stats-orders";
    public static final String ORDER_VERSIONS = "customer-stats-order-versions";
    public static final String BY_CUSTOMER = "customer-stats-by-customer";

    private CustomerStatsTopology() {}

    public static void addTo(StreamsBuilder builder, Topics topics, AggregateType<?, ?, OrderEvent> orders,
                             SchemaRegistry registry, ProjectionProgress progress) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDERS),
                Serdes.String(), AvroSerde.forValues(OrderFacts.class, registry)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), AvroSerde.forValues(StoredCustomerStats.class, registry)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_VERSIONS),
                Serdes.String(), Serdes.Long()));
        EventSource.events(builder, topics, registry, orders, NAME, progress)
                .process(RouteToCustomer::new, Named.as(NAME + "-route-to-customer"), ORDERS)
                .repartition(Repartitioned.with(Serdes.String(), AvroSerde.forValues(CustomerOrderEvent.class, registry))
                        .withName(BY_CUSTOMER))
                .processValues(() -> new ApplyToCustomer(progress), Named.as(NAME + "-apply"), STORE, ORDER_VERSIONS);
    }
}
