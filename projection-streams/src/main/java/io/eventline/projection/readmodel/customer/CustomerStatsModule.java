package io.eventline.projection.readmodel.customer;

import io.eventline.contracts.mapping.Aggregates;
import io.eventline.projection.module.ProjectionContext;
import io.eventline.projection.readmodel.ProjectionProgress;
import io.eventline.projection.readmodel.ReadModelModule;
import io.eventline.projection.readmodel.parking.ParkingProcessor;
import io.eventline.projection.readmodel.query.ReadModelSpec;
import io.eventline.schemas.avro.readmodel.StoredCustomerStats;
import io.eventline.service.http.HttpApi;
import io.eventline.service.query.QueryRouter;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Customer stats by customerId ({@link CustomerStatsTopology}). A customer's stats reflect many
 * orders, so {@code minVersion} does not apply; each order's applied version is kept beside them.
 */
public final class CustomerStatsModule extends ReadModelModule {

    @Override
    public String name() {
        return CustomerStatsTopology.NAME;
    }

    @Override
    public List<String> storeNames() {
        return List.of(CustomerStatsTopology.STORE, CustomerStatsTopology.ORDERS, CustomerStatsTopology.ORDER_VERSIONS,
                ParkingProcessor.parkedStore(name()));
    }

    @Override
    public List<String> aggregateTypes() {
        return List.of("order");
    }

    @Override
    public Topology topology(ProjectionContext context, ProjectionProgress progress) {
        StreamsBuilder builder = builder(context);
        CustomerStatsTopology.addTo(builder, context.topics(), Aggregates.order(context.registry()), context.registry(), progress);
        return build(builder, context);
    }

    @Override
    protected void addQueries(HttpApi api, QueryRouter router, ProjectionContext context) {
        ReadModelSpec<StoredCustomerStats> spec = new ReadModelSpec<>(CustomerStatsTopology.STORE, "customer",
                CustomerStatsMapping::json, null);
        addKeyedAndListRoutes(api, router, context, spec, Duration.ZERO, "/readmodels/customers", "/{customerId}", request -> request.id("customerId"));
    }
}
