package io.eventline.bench;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventIds;
import io.eventline.contracts.EventMetadata;
import io.eventline.domain.core.Rejection;
import io.eventline.schemas.topics.Topics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The event store a team would write first on PostgreSQL, which the pipeline is compared with: one
 * events table, unique per (aggregate type, id, version), and per command one transaction that loads
 * the aggregate's stream, folds it with the decider, decides and inserts the new events at the next
 * versions. A unique violation is an optimistic-concurrency conflict: roll back, reload, try again,
 * up to {@link #TRIES} times. The events are the pipeline's own bytes (each aggregate's Avro codec),
 * decided by the same deciders, so both sides do the same domain work.
 */
final class SeedStyleStore {

    static final int TRIES = 10;

    private static final String UNIQUE_VIOLATION = "23505";

    enum Result { ACCEPTED, REJECTED, FAILED }

    /** What became of a command, and in how many tries (the ones before the last met a conflict). */
    record Handled(Result result, int tries) {}

    private final String table;
    private final Topics topics;

    /** {@code topicPrefix} names the schema subjects of the events' Avro encoding, as a pipeline's topics do. */
    SeedStyleStore(String table, String topicPrefix) {
        this.table = table;
        this.topics = Topics.defaults().withPrefix(topicPrefix);
    }

    /** Drops the table and creates it empty: every case starts from nothing. */
    void recreate(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            // A global position as well, as any store that projections read in order needs.
            s.execute("CREATE TABLE " + table + " (position bigserial PRIMARY KEY, aggregate_type text NOT NULL, "
                    + "aggregate_id text NOT NULL, version bigint NOT NULL, event_type text NOT NULL, event_id uuid NOT NULL, "
                    + "payload bytea NOT NULL, occurred_at timestamptz NOT NULL, command_id text NOT NULL, "
                    + "UNIQUE (aggregate_type, aggregate_id, version))");
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** Decides the command in a transaction of its own on {@code connection} (not in auto-commit), retrying on conflicts. */
    <C, S, E> Handled handle(Connection connection, AggregateType<C, S, E> type, CommandEnvelope<C> command) throws SQLException {
        for (int tries = 1; ; tries++) {
            try {
                Result result = attempt(connection, type, command);
                connection.commit();
                return new Handled(result, tries);
            } catch (SQLException e) {
                connection.rollback();
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                if (tries == TRIES) {
                    return new Handled(Result.FAILED, tries);
                }
                // A short, growing, jittered pause, so that the clients that met do not meet again at once.
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(tries * 1_000_000L));
            }
        }
    }

    private <C, S, E> Result attempt(Connection connection, AggregateType<C, S, E> type, CommandEnvelope<C> command)
            throws SQLException {
        CommandMetadata meta = command.metadata();
        String topic = topic(type);
        S state = type.decider().initialState();
        long version = 0;
        try (PreparedStatement load = connection.prepareStatement("SELECT version, payload FROM " + table
                + " WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY version")) {
            load.setString(1, type.name());
            load.setString(2, meta.aggregateId());
            try (ResultSet rows = load.executeQuery()) {
                while (rows.next()) {
                    version = rows.getLong(1);
                    state = type.decider().evolve(state, type.codec().decodeEvent(topic, new RecordHeaders(), rows.getBytes(2)).event());
                }
            }
        }
        List<E> events;
        try {
            events = type.decider().decide(command.command(), state);
        } catch (Rejection rejected) {
            return Result.REJECTED;
        }
        Instant decidedAt = Instant.now();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (aggregate_type, aggregate_id, "
                + "version, event_type, event_id, payload, occurred_at, command_id) VALUES (?, ?, ?, ?, ?::uuid, ?, ?, ?)")) {
            for (int i = 0; i < events.size(); i++) {
                E event = events.get(i);
                version++;
                String eventId = EventIds.of(meta.commandId(), i);
                EventMetadata eventMeta = new EventMetadata(eventId, type.name(), meta.aggregateId(), version, decidedAt,
                        meta.commandId(), meta.correlationId(), meta.causationId(), meta.actor(), meta.onBehalfOf());
                insert.setString(1, type.name());
                insert.setString(2, meta.aggregateId());
                insert.setLong(3, version);
                insert.setString(4, type.codec().eventTypeOf(event));
                insert.setString(5, eventId);
                insert.setBytes(6, type.codec().encodeEvent(topic, new RecordHeaders(), new EventEnvelope<>(eventMeta, event)));
                insert.setObject(7, OffsetDateTime.ofInstant(decidedAt, ZoneOffset.UTC));
                insert.setString(8, meta.commandId());
                insert.executeUpdate();
            }
        }
        return Result.ACCEPTED;
    }

    /** The topic whose value subject the aggregate type's events are encoded under. */
    String topic(AggregateType<?, ?, ?> type) {
        return topics.events(type.name());
    }
}
