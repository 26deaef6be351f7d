package io.eventline.command.query;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.OutcomeCodec;
import io.eventline.contracts.StoredAggregate;
import io.eventline.contracts.AggregatePartitioner;
import io.eventline.contracts.StoreNames;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.http.Problem;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import io.eventline.service.http.Waits;
import io.eventline.service.query.QueryRouter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The command service's reads: an aggregate's current state, its state at a version or an instant,
 * and its event history, answered by whichever instance owns the aggregate.
 */
public final class AggregateQueries {

    private final Map<String, AggregateType<?, ?, ?>> types;
    private final Topics topics;
    private final OutcomeCodec keys;
    private final QueryRouter router;
    private final Duration maxWait;
    private final FoldCache folds = new FoldCache();
    private final Waits waits;

    /** @param waits the bound on requests waiting at once for a minVersion, shared by the server's routes */
    public AggregateQueries(List<AggregateType<?, ?, ?>> types, Topics topics, OutcomeCodec keys, QueryRouter router,
                            Duration maxWait, Waits waits) {
        this.waits = waits;
        this.types = types.stream().collect(java.util.stream.Collectors.toMap(AggregateType::name, t -> t));
        this.topics = topics;
        this.keys = keys;
        this.router = router;
        this.maxWait = maxWait;
    }

    /** GET /aggregates/{type}/{id} with optional version, at (ISO instant) and minVersion. */
    public Response state(Request request) {
        AggregateType<?, ?, ?> type = type(request.param("type"));
        String id = request.param("id");
        Optional<Long> version = request.queryLong("version");
        if (version.isPresent() && version.get() < 1) {
            throw Problem.badRequest("version must be 1 or more (the first event's version), got " + version.get());
        }
        Optional<Instant> at = request.queryParam("at").map(AggregateQueries::instant);
        long minVersion = minVersion(request);
        // Answered from the committed events (the history store), never from the snapshot store,
        // which changes while a command is processed, before its transaction commits.
        return routeHistory(request, type, id, minVersion, (events, stale) -> stateAt(type, id, events, version, at, stale));
    }

    /** The most events one page of the audit trail holds, and how many it holds unless asked. */
    static final int MAX_PAGE = 500;
    static final int DEFAULT_PAGE = 100;

    /**
     * GET /aggregates/{type}/{id}/events: the audit trail, a page at a time: the events from
     * {@code fromVersion} (1 unless given), at most {@code limit} of them, and {@code next}, the
     * path of the following page, while there is one.
     */
    public Response events(Request request) {
        AggregateType<?, ?, ?> type = type(request.param("type"));
        String id = request.param("id");
        long fromVersion = request.queryLong("fromVersion").orElse(1L);
        if (fromVersion < 1) {
            throw Problem.badRequest("fromVersion must be 1 or more, got " + fromVersion);
        }
        long limit = request.queryLong("limit").orElse((long) DEFAULT_PAGE);
        if (limit < 1 || limit > MAX_PAGE) {
            throw Problem.badRequest("limit must be 1 to " + MAX_PAGE + ", got " + limit);
        }
        return routeHistory(request, type, id, minVersion(request), (events, stale) -> {
            if (events.isEmpty()) {
                throw Problem.notFound(type.name() + " " + id + " has no events");
            }
            String topic = topics.events(type.name());
            List<Object> page = new java.util.ArrayList<>();
            for (EventHistory.StoredEvent stored : events) {
                if (stored.version() >= fromVersion && page.size() < limit) {
                    // Only the page is decoded.
                    page.add(AggregateJson.event(type.codec().decodeEvent(topic, new RecordHeaders(), stored.value())));
                }
            }
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("aggregateType", type.name());
            body.put("aggregateId", id);
            body.put("events", page);
            long last = page.isEmpty() ? fromVersion - 1 : fromVersion + page.size() - 1;
            if (last < EventHistory.latest(events)) {
                body.put("next", "/aggregates/" + type.name() + "/" + id + "/events?fromVersion=" + (last + 1) + "&limit=" + limit);
            }
            return Response.ok(body);
        });
    }

    private <C, S, E> Response stateAt(AggregateType<C, S, E> type, String id, List<EventHistory.StoredEvent> events,
                                       Optional<Long> version, Optional<Instant> at, boolean stale) {
        if (events.isEmpty()) {
            throw Problem.notFound(type.name() + " " + id + " does not exist (it has no events)");
        }
        long latest = EventHistory.latest(events);
        if (version.isPresent() && version.get() > latest) {
            throw Problem.notFound(type.name() + " " + id + " has versions 1.." + latest + ", not " + version.get());
        }
        String topic = topics.events(type.name());
        StoredAggregate<S> state = folds.fold(type.name() + "/" + id, events, type.decider().initialState(),
                (S s, E e) -> type.decider().evolve(s, e),
                (byte[] value) -> type.codec().decodeEvent(topic, new RecordHeaders(), value), version, at);
        if (state.version() == 0) {
            throw Problem.notFound(type.name() + " " + id + " did not exist yet at " + at.orElseThrow());
        }
        return Response.ok(AggregateJson.state(type.name(), id, state, stale));
    }

    private interface HistoryAnswer {
        Response answer(List<EventHistory.StoredEvent> events, boolean stale);
    }

    /**
     * Answers from the aggregate's committed events, once they reach {@code minVersion} (waiting up
     * to the query's bound; then 503 with the version there is): read-your-writes on every route.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Response routeHistory(Request request, AggregateType type, String id, long minVersion, HistoryAnswer answer) {
        String store = new StoreNames(type.name()).history();
        String topic = topics.events(type.name());
        KeyQueryMetadata where = router.streams().queryMetadataForKey(store, id, (t, key, value, n) ->
                Optional.of(Set.of(AggregatePartitioner.partitionOf((String) key, n))));
        return router.route(request, store, where, (partition, stale) -> {
            ReadOnlyKeyValueStore<Bytes, byte[]> local = router.streams().store(
                    params(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<Bytes, byte[]>keyValueStore()), partition, stale));
            long deadline = System.nanoTime() + maxWait.toNanos();
            List<EventHistory.StoredEvent> events = EventHistory.read(local, keys, topic, id);
            if (EventHistory.latest(events) < minVersion) {
                try (Waits.Permit permit = waits.enter()) {
                    while (EventHistory.latest(events) < minVersion) {
                        if (System.nanoTime() > deadline) {
                            throw Problem.unavailable(type.name() + " " + id + " is at version " + EventHistory.latest(events)
                                    + ", not yet at the requested minVersion " + minVersion, 1)
                                    .with("version", EventHistory.latest(events));
                        }
                        sleep();
                        events = EventHistory.read(local, keys, topic, id);
                    }
                }
            }
            Response response = answer.answer(events, stale);
            return stale ? response.withHeader(QueryRouter.STALE_HEADER, "true") : response;
        });
    }

    private static long minVersion(Request request) {
        long minVersion = request.queryLong("minVersion").orElse(0L);
        if (minVersion < 0) {
            throw Problem.badRequest("minVersion must be 0 or more, got " + minVersion);
        }
        return minVersion;
    }

    private static <T> StoreQueryParameters<T> params(StoreQueryParameters<T> base, int partition, boolean stale) {
        StoreQueryParameters<T> p = base.withPartition(partition);
        return stale ? p.enableStaleStores() : p;
    }

    private AggregateType<?, ?, ?> type(String name) {
        AggregateType<?, ?, ?> type = types.get(name);
        if (type == null) {
            throw Problem.notFound("unknown aggregate type '" + name + "' (known: " + types.keySet() + ")");
        }
        return type;
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("'at' must be an ISO-8601 instant such as 2026-11-24T15:00:00Z, got '" + value + "'");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.unavailable("interrupted while waiting", 1);
        }
    }
}
