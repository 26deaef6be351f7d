package io.eventline.contracts;

import java.time.Instant;

/** An aggregate's state as kept in its store: the snapshot, with the version it reflects. */
public record StoredAggregate<S>(long version, Instant updatedAt, S state) {}
