package io.eventline.projection.readmodel.account;

import io.eventline.contracts.mapping.Aggregates;
import io.eventline.projection.module.ProjectionContext;
import io.eventline.projection.readmodel.AggregateViewTopology;
import io.eventline.projection.readmodel.ProjectionProgress;
import io.eventline.projection.readmodel.ReadModelModule;
import io.eventline.projection.readmodel.query.ReadModelSpec;
import io.eventline.schemas.avro.readmodel.StoredAccountBalance;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.service.http.HttpApi;
import io.eventline.service.query.QueryRouter;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** Account balances by customerId: account events → {@link AccountBalanceMapping} → store "account-balances". */
public final class AccountBalanceModule extends ReadModelModule {

    public static final String NAME = "account-balances";
    public static final String STORE = "account-balances";

    private final Duration minVersionWait;

    public AccountBalanceModule() {
        this(Duration.ofSeconds(5));
    }

    /** @param minVersionWait how long a query with {@code minVersion} may wait for the read model to catch up */
    public AccountBalanceModule(Duration minVersionWait) {
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
        return List.of("account");
    }

    @Override
    public Topology topology(ProjectionContext context, ProjectionProgress progress) {
        StreamsBuilder builder = builder(context);
        AggregateViewTopology.addTo(builder, context.topics(), Aggregates.account(context.registry()), NAME, STORE,
                AvroSerde.forValues(StoredAccountBalance.class, context.registry()), new AccountBalanceMapping(), progress);
        return build(builder, context);
    }

    @Override
    protected void addQueries(HttpApi api, QueryRouter router, ProjectionContext context) {
        ReadModelSpec<StoredAccountBalance> spec = new ReadModelSpec<>(STORE, "account", AccountBalanceMapping::json,
                StoredAccountBalance::getVersion);
        addKeyedAndListRoutes(api, router, context, spec, minVersionWait, "/readmodels/accounts", "/{customerId}", request -> request.id("customerId"));
    }
}
