package io.eventline.projection.saga;

import io.eventline.domain.fulfilment.OrderFulfilment;
import io.eventline.service.http.Problem;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import io.eventline.service.query.QueryRouter;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Saga instances by orderId, answered by whichever instance owns the order's partition. */
public final class OrderFulfilmentQueries {

    private final QueryRouter router;
    private final OrderFulfilment saga = new OrderFulfilment();

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
