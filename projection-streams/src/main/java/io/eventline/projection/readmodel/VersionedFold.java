package io.eventline.projection.readmodel;

import io.eventline.contracts.EventEnvelope;

/**
 * A domain view lifted to stored values that remember the aggregate's version they reflect: the
 * adapter between a {@code View} (pure, versionless) and a read model's store. Implemented by each
 * read model's {@code …Mapping}.
 *
 * @param <E> the aggregate's events
 * @param <V> the stored (Avro) value
 */
public interface VersionedFold<E, V> {

    /** The value before the aggregate's first event, at version 0. */
    V initial(String aggregateId);

    /** The aggregate version {@code value} reflects. */
    long version(V value);

    /** The value after {@code event}; only called with an event newer than {@link #version}. */
    V apply(V value, EventEnvelope<E> event);
}
