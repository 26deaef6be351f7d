package io.eventline.projection.readmodel;

import io.eventline.projection.module.ProjectionContext;
import io.eventline.projection.module.ProjectionModule;
import io.eventline.projection.readmodel.parking.ParkingRoutes;
import io.eventline.projection.readmodel.query.KeyedQueries;
import io.eventline.projection.readmodel.query.ListQueries;
import io.eventline.projection.readmodel.query.ReadModelSpec;
import io.eventline.service.http.HttpApi;
import io.eventline.service.http.Request;
import io.eventline.service.query.QueryRouter;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

/**
 * A read model as a projection module: its topology reports its progress, and besides its own
 * query routes it is watched (lag and parked-record gauges, GET /projections/status) and shows the
 * records it parked, with the operator's retry and skip ({@link ParkingRoutes}). {@code ProjectionRebuild} builds
 * the same topology with a progress of its own.
 */
public abstract class ReadModelModule implements ProjectionModule {

    private final ProjectionProgress progress = new ProjectionProgress();

    @Override
    public final Topology topology(ProjectionContext context) {
        return topology(context, progress);
    }

    /** The module's topology, counting into {@code progress}. */
    public abstract Topology topology(ProjectionContext context, ProjectionProgress progress);

    /** The stores of the read model, the queried one first: a rebuild compares and resets these. */
    public abstract List<String> storeNames();

    /** The aggregate types whose event topics feed the read model. */
    public abstract List<String> aggregateTypes();

    @Override
    public final void addRoutes(HttpApi api, QueryRouter router, ProjectionContext context) {
        ProjectionMonitor.watch(context, context.applicationId(this), name(), router.streams(), progress);
        addQueries(api, router, context);
        ParkingRoutes.add(api, router, context, this);
    }

    protected abstract void addQueries(HttpApi api, QueryRouter router, ProjectionContext context);

    /**
     * The two query routes of a read model: GET {@code path}, a page of every entry gathered from
     * all instances, and GET {@code path + keyPath}, one entry by the store key that {@code key}
     * reads from the request, answered wherever it lives; a query naming {@code minVersion} may wait
     * up to {@code minVersionWait} for the read model to catch up.
     */
    protected static <V> void addKeyedAndListRoutes(HttpApi api, QueryRouter router, ProjectionContext context,
                                                     ReadModelSpec<V> spec, Duration minVersionWait, String path,
                                                     String keyPath, Function<Request, String> key) {
        KeyedQueries<V> byKey = new KeyedQueries<>(spec, router, minVersionWait, api.waits());
        ListQueries<V> list = new ListQueries<>(spec, router, context.topics().partitions(), Duration.ofSeconds(2), api.json());
        api.get(path, list::list)
                .get(path + keyPath, request -> byKey.byKey(request, key.apply(request)));
    }

    /** A builder that enforces explicit names and builds with the service's optimisations, as it will run. */
    protected static StreamsBuilder builder(ProjectionContext context) {
        return new StreamsBuilder(new TopologyConfig(new StreamsConfig(context.settings().streamsProperties())));
    }

    protected static Topology build(StreamsBuilder builder, ProjectionContext context) {
        return builder.build(context.settings().streamsProperties());
    }
}
