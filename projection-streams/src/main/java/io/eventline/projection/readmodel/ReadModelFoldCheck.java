package io.eventline.projection.readmodel;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommittedRecords;
import io.eventline.contracts.EventEnvelope;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Checks a read model declared as an {@link AggregateView} against the event log: the store, as
 * its changelog holds it (read_committed), must equal the fold of each aggregate's committed events,
 * key by key, with nothing missing and nothing more. Run once the read model has caught up; a
 * difference then is a read model that skipped, doubled or misapplied an event.
 */
public final class ReadModelFoldCheck {

    /** Differences reported at most: the first are what one reads. */
    static final int MAX_DIFFERENCES = 20;

    private ReadModelFoldCheck() {}

    /**
     * The differences between {@code view}'s store in the projection application {@code applicationId}
     * and the fold of the committed events; empty when they agree.
     */
    public static <E, V extends SpecificRecord> List<String> differences(Map<String, Object> clientConfig, Topics topics,
            SchemaRegistry registry, AggregateView<E, V> view, String applicationId, Duration timeout) {
        AggregateType<?, ?, E> type = view.type().apply(registry);
        String eventTopic = topics.events(type.name());
        Map<String, V> folded = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.readToEnd(clientConfig, eventTopic, timeout)) {
            if (record.value() == null) {
                continue; // an erased event
            }
            EventEnvelope<E> event = type.codec().decodeEvent(eventTopic, record.headers(), record.value());
            String id = event.metadata().aggregateId();
            V value = folded.computeIfAbsent(id, view.fold()::initial);
            if (event.metadata().version() > view.fold().version(value)) {
                folded.put(id, view.fold().apply(value, event));
            }
        }
        String changelog = applicationId + "-" + view.name() + "-changelog";
        Deserializer<V> values = AvroSerde.forValues(view.storedType(), registry).deserializer();
        Map<String, V> stored = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.readToEnd(clientConfig, changelog, timeout)) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                stored.remove(key);
            } else {
                stored.put(key, values.deserialize(changelog, record.value()));
            }
        }
        List<String> differences = new ArrayList<>();
        folded.forEach((id, expected) -> {
            V actual = stored.remove(id);
            if (actual == null) {
                differences.add(view.what() + " " + id + ": missing from " + view.name() + ", the events fold to " + expected);
            } else if (!actual.equals(expected)) {
                differences.add(view.what() + " " + id + ": " + view.name() + " holds " + actual + ", the events fold to " + expected);
            }
        });
        stored.forEach((id, actual) -> differences.add(view.what() + " " + id + ": in " + view.name()
                + " with no committed event: " + actual));
        return differences.size() <= MAX_DIFFERENCES ? differences : differences.subList(0, MAX_DIFFERENCES);
    }
}
