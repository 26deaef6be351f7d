package io.eventline.command.query;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.OutcomeCodec;
import io.eventline.contracts.StoredAggregate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One aggregate's events, read from the history store (whose changelog is the event topic), and the
 * state they fold to at any version or instant.
 */
final class EventHistory {

    private EventHistory() {}

    /**
     * Every event of the aggregate, in version order: one prefix scan per key schema the event
     * topic has had, as keys written under an earlier EventKey schema carry its id.
     */
    static <C, S, E> List<EventEnvelope<E>> read(ReadOnlyKeyValueStore<Bytes, byte[]> store, AggregateType<C, S, E> type,
                                                  OutcomeCodec keys, String eventTopic, String aggregateId) {
        Map<Long, EventEnvelope<E>> byVersion = new TreeMap<>();
        for (byte[] prefix : keys.eventKeyPrefixes(eventTopic, aggregateId)) {
            try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(Bytes.wrap(prefix), new BytesSerializer())) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> entry = it.next();
                    EventEnvelope<E> event = type.codec().decodeEvent(eventTopic, new RecordHeaders(), entry.value);
                    // The prefix is exact (the id's length precedes its bytes), but check anyway: cheap and certain.
                    if (event.metadata().aggregateId().equals(aggregateId)) {
                        byVersion.putIfAbsent(event.metadata().version(), event);
                    }
                }
            }
        }
        // In version order: Avro writes the version as a zig-zag varint, which does not sort as bytes do.
        return new ArrayList<>(byVersion.values());
    }

    /** The state after the events that pass the filter, folded from the start. */
    static <C, S, E> StoredAggregate<S> fold(AggregateType<C, S, E> type, List<EventEnvelope<E>> events,
                                             Predicate<EventEnvelope<E>> upTo) {
        S state = type.decider().initialState();
        long version = 0;
        Instant at = Instant.EPOCH;
        for (EventEnvelope<E> event : events) {
            if (!upTo.test(event)) {
                break;
            }
            state = type.decider().evolve(state, event.event());
            version = event.metadata().version();
            at = event.metadata().occurredAt();
        }
        return new StoredAggregate<>(version, at, state);
    }
}
