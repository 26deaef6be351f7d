package io.eventline.service.query;

import io.eventline.service.http.Problem;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Answers a keyed query wherever the key lives. This instance answers what it owns; a key owned by
 * another instance is forwarded there once (application.server). While the owner is away (a
 * rebalance, a restore, a dead instance) a standby replica within {@code maxStaleLag} records
 * answers, marked stale; otherwise 503 with Retry-After. A stale store never answers "not found":
 * the key may be among the records it has not read yet. Nothing here waits without a bound.
 */
public final class QueryRouter {

    /** Set on answers served from a replica that may lag behind the active one. */
    public static final String STALE_HEADER = "Eventline-Stale";
    public static final String SERVED_BY_HEADER = "Eventline-Served-By";

    /** Answers from the local store partition; throws InvalidStateStoreException when it is not queryable. */
    @FunctionalInterface
    public interface LocalAnswer {
        Response answer(int partition, boolean staleAllowed);
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final Forwarder forwarder;
    private final long maxStaleLag;
    private final Peers peers;

    public QueryRouter(KafkaStreams streams, HostInfo self, Duration forwardTimeout, long maxStaleLag) {
        this(streams, self, forwardTimeout, maxStaleLag, Peers.plain());
    }

    /** @param peers how this instance reaches the others: plain, or TLS as its settings say */
    public QueryRouter(KafkaStreams streams, HostInfo self, Duration forwardTimeout, long maxStaleLag, Peers peers) {
        this.streams = streams;
        this.self = self;
        this.peers = peers;
        this.forwarder = new Forwarder(forwardTimeout, peers);
        this.maxStaleLag = maxStaleLag;
    }

    public Peers peers() {
        return peers;
    }

    public HostInfo self() {
        return self;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public Response route(Request request, String storeName, KeyQueryMetadata where, LocalAnswer local) {
        if (where == null || where == KeyQueryMetadata.NOT_AVAILABLE || where.activeHost() == null) {
            throw notReady(storeName);
        }
        boolean forwarded = request.queryParam(Forwarder.FORWARDED_PARAM).isPresent();
        if (where.activeHost().equals(self)) {
            Optional<Response> active = tryLocal(storeName, where.partition(), false, local);
            if (active.isPresent()) {
                return active.get();
            }
        } else if (!forwarded) {
            Optional<Response> remote = forwarder.forward(where.activeHost(), request);
            // A 503 from the owner means it is restoring: a standby may still answer.
            if (remote.isPresent() && remote.get().status() != 503) {
                return remote.get();
            }
        }
        return staleAnswer(request, storeName, where, local, forwarded).orElseThrow(() -> notReady(storeName));
    }

    /**
     * For a wait that the key's owner should do itself (read-your-writes): forwards the request once
     * to the owner when that is another instance, allowing it {@code timeout} to answer, and returns
     * its answer whatever it is. Empty when this instance owns the key, when no owner is known, or
     * when the owner cannot be reached: then the caller waits here, on what this instance can see.
     */
    public Optional<Response> forwardToOwner(Request request, KeyQueryMetadata where, Duration timeout) {
        if (where == null || where == KeyQueryMetadata.NOT_AVAILABLE || where.activeHost() == null
                || where.activeHost().equals(self) || request.queryParam(Forwarder.FORWARDED_PARAM).isPresent()) {
            return Optional.empty();
        }
        return forwarder.forward(where.activeHost(), request, timeout);
    }

    private Optional<Response> staleAnswer(Request request, String storeName, KeyQueryMetadata where,
                                           LocalAnswer local, boolean forwarded) {
        if (where.standbyHosts().contains(self) || where.activeHost().equals(self)) {
            if (withinStaleLag(storeName, where.partition())) {
                return tryLocal(storeName, where.partition(), true, local)
                        .map(r -> r.withHeader(STALE_HEADER, "true"));
            }
            return Optional.empty();
        }
        if (forwarded) {
            return Optional.empty();
        }
        for (HostInfo standby : where.standbyHosts()) {
            Optional<Response> answer = forwarder.forward(standby, request);
            if (answer.isPresent() && answer.get().status() < 500) {
                return answer;
            }
        }
        return Optional.empty();
    }

    private Optional<Response> tryLocal(String storeName, int partition, boolean stale, LocalAnswer local) {
        try {
            Response answer = local.answer(partition, stale);
            if (stale && answer.status() == 404) {
                return Optional.empty();
            }
            return Optional.of(answer.withHeader(SERVED_BY_HEADER, self.host() + ":" + self.port()));
        } catch (InvalidStateStoreException notQueryableNow) {
            return Optional.empty();
        } catch (Problem problem) {
            // A replica behind, or a store still restoring (within the stale lag, which is a count of
            // records, so an empty store of a small topic qualifies), may not have the key yet: there
            // its absence says nothing. Not an answer, then: 503 until an up-to-date store can say.
            if (stale && problem.status() == 404) {
                return Optional.empty();
            }
            throw problem;
        }
    }

    private boolean withinStaleLag(String storeName, int partition) {
        return withinStaleLag(streams::allLocalStorePartitionLags, storeName, partition, maxStaleLag);
    }

    /**
     * Whether the local copy of {@code storeName}'s {@code partition} is at most {@code maxStaleLag}
     * records behind. Kafka Streams reads its tasks' state from the caller's thread, unguarded: while a
     * stream thread re-creates a task (after a thread failure or a corruption) the read can meet its
     * changelog map being changed (seen as a ConcurrentModificationException, which answered a query
     * with 500). The lag is unknown then, and an unknown lag is no licence for a stale answer: 503.
     */
    static boolean withinStaleLag(java.util.function.Supplier<Map<String, Map<Integer, LagInfo>>> localLags, String storeName,
                                  int partition, long maxStaleLag) {
        Map<String, Map<Integer, LagInfo>> lags;
        try {
            lags = localLags.get();
        } catch (java.util.ConcurrentModificationException | org.apache.kafka.streams.errors.StreamsException changing) {
            return false;
        }
        LagInfo lag = lags.getOrDefault(storeName, Map.of()).get(partition);
        return lag != null && lag.offsetLag() <= maxStaleLag;
    }

    private static Problem notReady(String storeName) {
        return Problem.unavailable("the data for this key (store " + storeName
                + ") is not available on any instance right now, probably during a rebalance; try again shortly", 1);
    }
}
