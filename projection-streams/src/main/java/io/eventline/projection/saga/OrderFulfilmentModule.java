package io.eventline.projection.saga;

import io.eventline.projection.module.ProjectionContext;
import io.eventline.projection.module.ProjectionModule;
import io.eventline.projection.readmodel.parking.ParkingRoutes;
import io.eventline.projection.readmodel.query.ListQueries;
import io.eventline.service.http.HttpApi;
import io.eventline.service.query.QueryRouter;
import io.eventline.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** The order fulfilment saga as a projection module: its own Kafka Streams application and its query routes. */
public final class OrderFulfilmentModule implements ProjectionModule {

    private final SagaSettings settings;

    public OrderFulfilmentModule(SagaSettings settings) {
        this.settings = settings;
    }

    public static OrderFulfilmentModule fromEnvironment(Map<String, String> env) {
        return new OrderFulfilmentModule(SagaSettings.fromEnvironment(env));
    }

    /**
     * Each step of an order waits for the saga's commit: once when the input comes from the order's own
     * events, twice when it is repartitioned first (see {@link OrderFulfilmentTopology}).
     */
    @Override
    public boolean onCommandPath() {
        return true;
    }

    /**
     * No: a saga task reads the repartition it writes itself, and waiting for its own commits to be
     * fetched before it processes anything else stalled it (measured in docs/benchmarks.md). The saga
     * meets its inputs in any order anyway: those of one order come from different aggregates, and
     * only causality orders them (a reply follows the command that asked for it). Per order and
     * source partition the order stays, as one partition is read in order either way.
     */
    @Override
    public boolean ordersInputsByTime() {
        return false;
    }

    @Override
    public String name() {
        return OrderFulfilmentTopology.NAME;
    }

    @Override
    public Topology topology(ProjectionContext context) {
        StreamsBuilder builder = new StreamsBuilder();
        List<String> inputs = new ArrayList<>();
        Topics.AGGREGATES.forEach(aggregate -> inputs.add(context.topics().events(aggregate)));
        inputs.add(context.topics().commandResults());
        // Deadlines wait for the input to be processed up to their due time, by the group's committed offsets.
        InputWatermark watermark = new CommittedInputWatermark(context.settings().clientConfig(), inputs,
                settings.scanInterval(), context.clock());
        OrderFulfilmentTopology.addTo(builder, context.topics(), context.registry(), settings, watermark,
                new SagaMetrics(context.meters()));
        return builder.build();
    }

    @Override
    public void addRoutes(HttpApi api, QueryRouter router, ProjectionContext context) {
        OrderFulfilmentQueries queries = new OrderFulfilmentQueries(router);
        ListQueries<StoredSaga> list = new ListQueries<>(OrderFulfilmentQueries.listSpec(api.json()), router,
                context.topics().partitions(), Duration.ofSeconds(2), api.json(), OrderFulfilmentQueries.STATUS_FILTER);
        api.get("/sagas/order-fulfilment", list::list)
                .get("/sagas/order-fulfilment/{orderId}", queries::byOrderId);
        ParkingRoutes.add(api, router, context, this);
    }
}
