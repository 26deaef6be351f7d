package io.eventline.projection.readmodel.query;

import io.eventline.schemas.avro.readmodel.ParkedRecords;
import io.eventline.service.http.Problem;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import io.eventline.service.http.Waits;
import io.eventline.service.query.QueryRouter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * A read model by key, from whichever instance holds it (through the {@link QueryRouter}), with
 * read-your-writes: {@code ?minVersion=N} waits, bounded, until the answer reflects version N of
 * the aggregate, and otherwise answers 503 saying which version it has. Never older data silently.
 *
 * <p>The wait runs on the instance that owns the key: a request received elsewhere is forwarded to
 * the owner once, which waits (bounded) and answers; only when the owner cannot be reached does the
 * receiving instance wait itself, around single routed reads, so that a stale standby that already
 * has version N may answer (marked stale).
 */
public final class KeyedQueries<V> {

    static final String FORWARDED = "forwarded";
    /** On a forwarded copy: the receiving instance waits for the minVersion itself (it owns the key). */
    static final String WAIT_HERE = "waitHere";
    /** Beyond the wait, the time a forwarded wait's answer may take to come back. */
    private static final Duration FORWARD_MARGIN = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(50);

    private final ReadModelSpec<V> spec;
    private final QueryRouter router;
    private final LocalStore<V> store;
    private final LocalStore<ParkedRecords> parked;
    private final Duration maxWait;
    private final Waits waits;

    /** @param waits the bound on requests waiting at once, shared by the server's routes */
    public KeyedQueries(ReadModelSpec<V> spec, QueryRouter router, Duration maxWait, Waits waits) {
        this.spec = spec;
        this.router = router;
        this.store = new LocalStore<>(router.streams(), spec.storeName());
        this.parked = spec.parkedStoreName() == null ? null : new LocalStore<>(router.streams(), spec.parkedStoreName());
        this.maxWait = maxWait;
        this.waits = waits;
    }

    public Response byKey(Request request, String key) {
        Optional<Long> minVersion = request.queryLong("minVersion");
        if (minVersion.isPresent() && !spec.versioned()) {
            throw Problem.badRequest("minVersion applies to read models of one aggregate; a " + spec.what()
                    + " reflects many");
        }
        if (minVersion.orElse(0L) < 0) {
            throw Problem.badRequest("minVersion must be 0 or more, got " + minVersion.get());
        }
        boolean forwarded = request.queryParam(FORWARDED).isPresent();
        if (minVersion.isEmpty() || (forwarded && request.queryParam(WAIT_HERE).isEmpty())) {
            return routeOnce(request, key);
        }
        if (!forwarded) {
            // The owner waits, once, with a deadline: one internal request, not one per poll.
            Optional<Response> owner = router.forwardToOwner(request.withQueryParam(WAIT_HERE, "true"), where(key),
                    maxWait.plus(FORWARD_MARGIN));
            if (owner.isPresent()) {
                return owner.get();
            }
        }
        return awaitVersion(request, key, minVersion.get());
    }

    private KeyQueryMetadata where(String key) {
        return router.streams().queryMetadataForKey(spec.storeName(), key, Serdes.String().serializer());
    }

    private Response routeOnce(Request request, String key) {
        return router.route(request, spec.storeName(), where(key), (partition, stale) -> local(key, partition, stale));
    }

    private Response local(String key, int partition, boolean stale) {
        V value = store.partition(partition, stale).get(key);
        if (value == null) {
            throw Problem.notFound("no " + spec.what() + " '" + key + "' in this read model (it has seen no events of it)");
        }
        Map<String, Object> json = new LinkedHashMap<>(spec.json().apply(value));
        json.put("stale", stale);
        ParkedRecords waiting = parked == null ? null : parked.partition(partition, stale).get(key);
        if (waiting != null) {
            // The view stopped before these: an answer must not pass for up to date.
            json.put("parkedRecords", waiting.getRecords().size());
        }
        return Response.ok(json);
    }

    private Response awaitVersion(Request request, String key, long minVersion) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Seen first = seen(request, key);
        if (first.version() >= minVersion) {
            return first.answer(); // there already: no wait, no permit
        }
        try (Waits.Permit permit = waits.enter()) {
            return awaitVersion(request, key, minVersion, deadline);
        }
    }

    private Response awaitVersion(Request request, String key, long minVersion, long deadline) {
        while (true) {
            Seen seen = seen(request, key);
            if (seen.version() >= minVersion || (seen.version() < 0 && System.nanoTime() >= deadline)) {
                return seen.answer();
            }
            if (System.nanoTime() >= deadline) {
                throw Problem.unavailable("the " + spec.what() + " '" + key + "' is at version " + seen.version()
                                + " in this read model, not yet at the requested minVersion " + minVersion
                                + " (waited " + maxWait.toMillis() + " ms); retry shortly", 1)
                        .with("version", seen.version()).with("minVersion", minVersion)
                        .with("waitedOn", router.self().host() + ":" + router.self().port());
            }
            sleep();
        }
    }

    /** One routed read: the version it shows (0 when absent, -1 when no instance could answer now). */
    private Seen seen(Request request, String key) {
        try {
            Response response = routeOnce(request, key);
            return switch (response.status()) {
                case 200 -> new Seen(versionOf(request, response), response, null);
                case 404 -> new Seen(0, response, null);
                case 503 -> new Seen(-1, response, null);
                default -> new Seen(Long.MAX_VALUE, response, null); // a client error: pass it on as it is
            };
        } catch (Problem problem) {
            if (problem.status() == 404) {
                return new Seen(0, null, problem);
            }
            if (problem.status() == 503) {
                return new Seen(-1, null, problem);
            }
            throw problem;
        }
    }

    private long versionOf(Request request, Response response) {
        if (response.body() instanceof Map<?, ?> json) {
            return ((Number) json.get("version")).longValue();
        }
        return request.json().parse(bodyText(response).getBytes(StandardCharsets.UTF_8)).path("version").asLong(0);
    }

    private static String bodyText(Response response) {
        return String.valueOf(response.body());
    }

    /** What one read showed: a response to pass on, or a problem to throw (thrown locally, or a 404 or 503). */
    private record Seen(long version, Response response, Problem problem) {
        Response answer() {
            if (response == null) {
                throw problem;
            }
            return response;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.unavailable("interrupted while waiting for minVersion", 1);
        }
    }
}
