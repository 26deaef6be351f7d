package io.eventline.projection.readmodel;

import io.eventline.projection.module.ProjectionContext;
import io.eventline.projection.readmodel.parking.ParkingProcessor;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.service.http.HttpApi;
import io.eventline.service.query.QueryRouter;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * A read model of one aggregate type, built from its declaration ({@link AggregateView}): the
 * aggregate's events → its fold → one store named after the module, queried by aggregate id and
 * listed across instances.
 */
public class AggregateViewModule<E, V extends SpecificRecord> extends ReadModelModule {

    /** How long a query naming {@code minVersion} may wait for the read model to catch up, unless told otherwise. */
    public static final Duration MIN_VERSION_WAIT = Duration.ofSeconds(5);

    private final AggregateView<E, V> view;
    private final Duration minVersionWait;

    public AggregateViewModule(AggregateView<E, V> view, Duration minVersionWait) {
        this.view = view;
        this.minVersionWait = minVersionWait;
    }

    @Override
    public final String name() {
        return view.name();
    }

    @Override
    public final List<String> storeNames() {
        return List.of(view.name(), ParkingProcessor.parkedStore(view.name()));
    }

    @Override
    public final List<String> aggregateTypes() {
        return List.of(view.aggregateType());
    }

    @Override
    public final Topology topology(ProjectionContext context, ProjectionProgress progress) {
        StreamsBuilder builder = builder(context);
        AggregateViewTopology.addTo(builder, context.topics(), context.registry(), view.type().apply(context.registry()), view.name(), view.name(),
                AvroSerde.forValues(view.storedType(), context.registry()), view.fold(), progress);
        return build(builder, context);
    }

    @Override
    protected final void addQueries(HttpApi api, QueryRouter router, ProjectionContext context) {
        addKeyedAndListRoutes(api, router, context, view.spec(), minVersionWait, view.path(), "/{" + view.key() + "}",
                request -> request.id(view.key()));
    }
}
