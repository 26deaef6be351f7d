package io.eventline.projection.readmodel;

import io.eventline.contracts.AggregateType;
import io.eventline.projection.readmodel.parking.ParkingProcessor;
import io.eventline.projection.readmodel.query.ReadModelSpec;
import io.eventline.schemas.registry.SchemaRegistry;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.avro.specific.SpecificRecord;

/**
 * The declaration of a read model that folds one aggregate type's events into one stored value
 * per aggregate, keyed by its id: all {@link AggregateViewModule} needs. A new such read model is a
 * {@link VersionedFold} (its mapping) plus one of these.
 *
 * @param name       the module's name, which is also its store's
 * @param what       what one value is, for messages ("account", "stock level")
 * @param aggregateType the name of the aggregate type whose events feed it
 * @param type       that aggregate type, given the registry its codec uses
 * @param storedType the Avro record stored per aggregate
 * @param fold       how an event changes the stored value
 * @param json       the value's JSON shape
 * @param version    the aggregate version a stored value reflects
 * @param path       where its routes live: {@code path} lists, {@code path/{key}} reads one
 * @param key        the path parameter naming the aggregate id ("customerId", "sku")
 */
public record AggregateView<E, V extends SpecificRecord>(
        String name,
        String what,
        String aggregateType,
        Function<SchemaRegistry, AggregateType<?, ?, E>> type,
        Class<V> storedType,
        VersionedFold<E, V> fold,
        Function<V, Map<String, Object>> json,
        ToLongFunction<V> version,
        String path,
        String key) {

    ReadModelSpec<V> spec() {
        // Parked by aggregate id, as the view is keyed: an answer can say that the aggregate's view waits.
        return new ReadModelSpec<>(name, what, json, version, ParkingProcessor.parkedStore(name));
    }
}
