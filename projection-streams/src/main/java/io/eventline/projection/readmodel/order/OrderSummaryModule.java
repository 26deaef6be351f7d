package io.eventline.projection.readmodel.order;

import io.eventline.contracts.mapping.Aggregates;
import io.eventline.projection.module.ProjectionContext;
import io.eventline.projection.readmodel.AggregateViewTopology;
import io.eventline.projection.readmodel.ProjectionProgress;
import io.eventline.projection.readmodel.ReadModelModule;
import io.eventline.projection.readmodel.query.ReadModelSpec;
import io.eventline.schemas.avro.readmodel.StoredOrderSummary;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.service.http.HttpApi;
import io.eventline.service.query.QueryRouter;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** Order summaries by orderId: order events → {@link OrderSummaryMapping} → store "order-summary". */
public final class OrderSummaryModule extends ReadModelModule {

    public static final String NAME = "order-summary";
    public static final String STORE = "order-summary";

    private final Duration minVersionWait;

    public OrderSummaryModule() {
        this(Duration.ofSeconds(5));
    }

    /** @param minVersionWait how long a query with {@code minVersion} may wait for the read model to catch up */
    public OrderSummaryModule(Duration minVersionWait) {
        this.minVersionWait = minVersionWait;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> storeNames() {
        return List.of(STORE);
    }

    @Override
    public List<String> aggregateTypes() {
        return List.of("order");
    }

    @Override
    public Topology topology(ProjectionContext context, ProjectionProgress progress) {
        StreamsBuilder builder = builder(context);
        AggregateViewTopology.addTo(builder, context.topics(), Aggregates.order(context.registry()), NAME, STORE,
                AvroSerde.forValues(StoredOrderSummary.class, context.registry()), new OrderSummaryMapping(), progress);
        return build(builder, context);
    }

    @Override
    protected void addQueries(HttpApi api, QueryRouter router, ProjectionContext context) {
        ReadModelSpec<StoredOrderSummary> spec = new ReadModelSpec<>(STORE, "order", OrderSummaryMapping::json,
                StoredOrderSummary::getVersion);
        addKeyedAndListRoutes(api, router, context, spec, minVersionWait, "/readmodels/orders", "/{orderId}", request -> request.id("orderId"));
    }
}
