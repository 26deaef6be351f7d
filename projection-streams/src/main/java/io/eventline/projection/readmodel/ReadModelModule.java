package io.eventline.projection.readmodel;

import io.eventline.projection.app.ProjectionContext;
import io.eventline.projection.app.ProjectionModule;
import io.eventline.projection.readmodel.ops.ProjectionMonitor;
import io.eventline.service.http.HttpApi;
import io.eventline.service.query.QueryRouter;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

/**
 * A read model as a projection module: its topology reports its progress, and besides its own
 * query routes it is watched (lag gauges, GET /projections/status). {@code ProjectionRebuild} builds
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
        ProjectionMonitor.watch(api, context, context.applicationId(this), name(), router.streams(), progress);
        addQueries(api, router, context);
    }

    protected abstract void addQueries(HttpApi api, QueryRouter router, ProjectionContext context);

    /** A builder that enforces explicit names and builds with the service's optimisations, as it will run. */
    protected static StreamsBuilder builder(ProjectionContext context) {
        return new StreamsBuilder(new TopologyConfig(new StreamsConfig(context.settings().streamsProperties())));
    }

    protected static Topology build(StreamsBuilder builder, ProjectionContext context) {
        return builder.build(context.settings().streamsProperties());
    }
}
