package io.eventline.projection.saga;

import io.eventline.projection.module.ProjectionContext;
import io.eventline.projection.module.ProjectionModule;
import io.eventline.service.http.HttpApi;
import io.eventline.service.query.QueryRouter;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** The order fulfilment saga as a projection module: its own Kafka Streams application and its query route. */
public final class OrderFulfilmentModule implements ProjectionModule {

    private final SagaSettings settings;

    public OrderFulfilmentModule(SagaSettings settings) {
        this.settings = settings;
    }

    public static OrderFulfilmentModule fromEnvironment(Map<String, String> env) {
        return new OrderFulfilmentModule(SagaSettings.fromEnvironment(env));
    }

    @Override
    public String name() {
        return OrderFulfilmentTopology.NAME;
    }

    @Override
    public Topology topology(ProjectionContext context) {
        StreamsBuilder builder = new StreamsBuilder();
        OrderFulfilmentTopology.addTo(builder, context.topics(), context.registry(), settings);
        return builder.build();
    }

    @Override
    public void addRoutes(HttpApi api, QueryRouter router, ProjectionContext context) {
        OrderFulfilmentQueries queries = new OrderFulfilmentQueries(router);
        api.get("/sagas/order-fulfilment/{orderId}", queries::byOrderId);
    }
}
