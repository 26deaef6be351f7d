package io.eventline.projection.readmodel.stock;

import io.eventline.contracts.mapping.Aggregates;
import io.eventline.projection.module.ProjectionContext;
import io.eventline.projection.readmodel.AggregateViewTopology;
import io.eventline.projection.readmodel.ProjectionProgress;
import io.eventline.projection.readmodel.ReadModelModule;
import io.eventline.projection.readmodel.query.ReadModelSpec;
import io.eventline.schemas.avro.readmodel.StoredStockLevel;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.service.http.HttpApi;
import io.eventline.service.query.QueryRouter;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** Stock levels by sku: inventory events → {@link StockLevelMapping} → store "stock-levels". */
public final class StockLevelModule extends ReadModelModule {

    public static final String NAME = "stock-levels";
    public static final String STORE = "stock-levels";

    private final Duration minVersionWait;

    public StockLevelModule() {
        this(Duration.ofSeconds(5));
    }

    /** @param minVersionWait how long a query with {@code minVersion} may wait for the read model to catch up */
    public StockLevelModule(Duration minVersionWait) {
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
        return List.of("inventory");
    }

    @Override
    public Topology topology(ProjectionContext context, ProjectionProgress progress) {
        StreamsBuilder builder = builder(context);
        AggregateViewTopology.addTo(builder, context.topics(), Aggregates.inventory(context.registry()), NAME, STORE,
                AvroSerde.forValues(StoredStockLevel.class, context.registry()), new StockLevelMapping(), progress);
        return build(builder, context);
    }

    @Override
    protected void addQueries(HttpApi api, QueryRouter router, ProjectionContext context) {
        ReadModelSpec<StoredStockLevel> spec = new ReadModelSpec<>(STORE, "stock level", StockLevelMapping::json,
                StoredStockLevel::getVersion);
        addKeyedAndListRoutes(api, router, context, spec, minVersionWait, "/readmodels/stock", "/{sku}", request -> request.id("sku"));
    }
}
