package io.eventline.projection.readmodel.sales;

import io.eventline.contracts.mapping.Aggregates;
import io.eventline.projection.module.ProjectionContext;
import io.eventline.projection.readmodel.ProjectionProgress;
import io.eventline.projection.readmodel.ReadModelModule;
import io.eventline.projection.readmodel.parking.ParkingProcessor;
import io.eventline.projection.readmodel.query.ReadModelSpec;
import io.eventline.schemas.avro.readmodel.StoredDailySales;
import io.eventline.service.http.HttpApi;
import io.eventline.service.http.Problem;
import io.eventline.service.query.QueryRouter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** Daily sales by UTC day and currency ({@link DailySalesTopology}); lists come in day order. */
public final class DailySalesModule extends ReadModelModule {

    @Override
    public String name() {
        return DailySalesTopology.NAME;
    }

    @Override
    public List<String> storeNames() {
        return List.of(DailySalesTopology.STORE, DailySalesTopology.ORDERS, DailySalesTopology.ORDER_VERSIONS,
                ParkingProcessor.parkedStore(name()));
    }

    @Override
    public List<String> aggregateTypes() {
        return List.of("order");
    }

    @Override
    public Topology topology(ProjectionContext context, ProjectionProgress progress) {
        StreamsBuilder builder = builder(context);
        DailySalesTopology.addTo(builder, context.topics(), Aggregates.order(context.registry()), context.registry(), progress);
        return build(builder, context);
    }

    @Override
    protected void addQueries(HttpApi api, QueryRouter router, ProjectionContext context) {
        ReadModelSpec<StoredDailySales> spec = new ReadModelSpec<>(DailySalesTopology.STORE, "day's sales",
                DailySalesMapping::json, null);
        addKeyedAndListRoutes(api, router, context, spec, Duration.ZERO, "/readmodels/daily-sales", "/{day}/{currency}",
                request -> DailySalesTopology.key(day(request.param("day")), currency(request.param("currency"))));
    }

    private static String day(String day) {
        try {
            return LocalDate.parse(day).toString();
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("day must be an ISO date such as 2026-11-24, got '" + day + "'");
        }
    }

    private static String currency(String currency) {
        if (!currency.matches("[A-Z]{3}")) {
            throw Problem.badRequest("currency must be an ISO 4217 code such as EUR, got '" + currency + "'");
        }
        return currency;
    }
}
