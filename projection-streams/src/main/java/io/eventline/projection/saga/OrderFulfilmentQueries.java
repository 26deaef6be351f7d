package io.eventline.projection.saga;

import com.fasterxml.jackson.core.type.TypeReference;
import io.eventline.domain.fulfilment.FulfilmentStatus;
import io.eventline.domain.fulfilment.OrderFulfilment;
import io.eventline.projection.readmodel.query.ListQueries;
import io.eventline.projection.readmodel.query.ReadModelSpec;
import io.eventline.service.http.Json;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import io.eventline.service.http.Problem;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import io.eventline.service.query.QueryRouter;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Saga instances by orderId, answered by whichever instance owns the order's partition; and the list of
 * them, gathered from every instance, narrowed by status: {@code GET /sagas/order-fulfilment?status=STUCK,COMPENSATING}.
 */
public final class OrderFulfilmentQueries {

    private final QueryRouter router;
    private final OrderFulfilment saga = new OrderFulfilment();

    /** {@code ?status=A,B}: sagas in one of these statuses; {@code ?status=IN_FLIGHT}: every one not terminal. */
    public static final ListQueries.Filter<StoredSaga> STATUS_FILTER = new ListQueries.Filter<>("status", OrderFulfilmentQueries::statuses);

    static final String IN_FLIGHT = "IN_FLIGHT";

    /** The saga store as a list the generic list queries serve; a value is the JSON of {@link SagaView}. */
    static ReadModelSpec<StoredSaga> listSpec(Json json) {
        OrderFulfilment pm = new OrderFulfilment();
        return new ReadModelSpec<>(OrderFulfilmentTopology.SAGA_STORE, "saga",
                stored -> json.mapper().convertValue(SagaView.of(stored, pm), new TypeReference<Map<String, Object>>() {}), null);
    }

    static Predicate<StoredSaga> statuses(String value) {
        Set<FulfilmentStatus> wanted = EnumSet.noneOf(FulfilmentStatus.class);
        for (String name : value.split(",")) {
            String status = name.trim().toUpperCase(Locale.ROOT);
            if (status.equals(IN_FLIGHT)) {
                Arrays.stream(FulfilmentStatus.values()).filter(s -> !s.isTerminal()).forEach(wanted::add);
                continue;
            }
            try {
                wanted.add(FulfilmentStatus.valueOf(status));
            } catch (IllegalArgumentException e) {
                throw Problem.badRequest("status must be " + IN_FLIGHT + " or among " + Arrays.toString(FulfilmentStatus.values())
                        + ", comma-separated; got '" + name + "'");
            }
        }
        return stored -> wanted.contains(stored.state().status());
    }

    public OrderFulfilmentQueries(QueryRouter router) {
        this.router = router;
    }

    /** GET /sagas/order-fulfilment/{orderId}. */
    public Response byOrderId(Request request) {
        String orderId = request.id("orderId");
        String store = OrderFulfilmentTopology.SAGA_STORE;
        KeyQueryMetadata where = router.streams().queryMetadataForKey(store, orderId, Serdes.String().serializer());
        return router.route(request, store, where, (partition, stale) -> {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, StoredSaga>> params = StoreQueryParameters
                    .fromNameAndType(store, QueryableStoreTypes.<String, StoredSaga>keyValueStore()).withPartition(partition);
            StoredSaga found = router.streams().store(stale ? params.enableStaleStores() : params).get(orderId);
            if (found == null) {
                throw Problem.notFound("no fulfilment saga for order " + orderId);
            }
            return Response.ok(SagaView.of(found, saga));
        });
    }
}
