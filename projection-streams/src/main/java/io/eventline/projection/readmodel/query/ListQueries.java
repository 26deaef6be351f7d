package io.eventline.projection.readmodel.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventline.service.http.Problem;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import io.eventline.service.query.QueryRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.StreamsMetadata;

/**
 * A read model as a list in key order, paged with a cursor, gathered from every instance: each
 * answers for the partitions it hosts as active, and the instance that received the request merges
 * the parts. Instances that do not answer in time, and partitions no instance answered for, are
 * named in the answer ({@code "partial": true}) rather than waited for or silently left out.
 */
public final class ListQueries<V> {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final ReadModelSpec<V> spec;
    private final QueryRouter router;
    private final LocalPage<V> local;
    private final InstanceClient instances;
    private final int partitions;
    private final Filter<V> filter;

    /**
     * A query parameter that narrows a list to the values it accepts ({@code ?status=STUCK}): each
     * instance skips the others while it reads its part, so a page still holds up to {@code limit} items.
     *
     * @param parse the accepted values from the parameter; throws a {@link Problem} for a malformed one
     */
    public record Filter<V>(String param, java.util.function.Function<String, java.util.function.Predicate<V>> parse) {
        static <V> Filter<V> none() {
            return new Filter<>(null, value -> v -> true);
        }
    }

    public ListQueries(ReadModelSpec<V> spec, QueryRouter router, int partitions, Duration instanceTimeout,
                       io.eventline.service.http.Json json) {
        this(spec, router, partitions, instanceTimeout, json, Filter.none());
    }

    public ListQueries(ReadModelSpec<V> spec, QueryRouter router, int partitions, Duration instanceTimeout,
                       io.eventline.service.http.Json json, Filter<V> filter) {
        this.filter = filter;
        this.spec = spec;
        this.router = router;
        this.partitions = partitions;
        this.local = new LocalPage<>(new LocalStore<>(router.streams(), spec.storeName()), spec, partitions);
        this.instances = new InstanceClient(instanceTimeout, json, router.peers());
    }

    public Response list(Request request) {
        int limit = limit(request);
        Optional<String> after = request.queryParam("after").map(Cursor::decode);
        Optional<String> filterValue = filter.param() == null ? Optional.empty() : request.queryParam(filter.param());
        java.util.function.Predicate<V> keep = filterValue.map(filter.parse()).orElse(v -> true);
        LocalPage.Part own = local.read(after, limit, keep);
        if (request.queryParam(KeyedQueries.FORWARDED).isPresent()) {
            return Response.ok(own.json());
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", String.valueOf(limit));
        request.queryParam("after").ifPresent(a -> query.put("after", a));
        filterValue.ifPresent(value -> query.put(filter.param(), value));
        Map<HostInfo, CompletableFuture<Optional<JsonNode>>> asked = new LinkedHashMap<>();
        for (HostInfo host : otherHosts()) {
            asked.put(host, instances.localPart(host, request.path(), query, request.header("authorization")));
        }
        List<LocalPage.Part> parts = new ArrayList<>(List.of(own));
        List<String> unreachable = new ArrayList<>();
        asked.forEach((host, answer) -> answer.join().ifPresentOrElse(
                json -> parts.add(LocalPage.Part.fromJson(json)),
                () -> unreachable.add(host.host() + ":" + host.port())));
        return Response.ok(merge(parts, unreachable, limit));
    }

    private Map<String, Object> merge(List<LocalPage.Part> parts, List<String> unreachable, int limit) {
        Map<String, Object> byKey = new java.util.TreeMap<>(Cursor.KEY_ORDER);
        Set<Integer> answered = new TreeSet<>();
        boolean more = false;
        for (LocalPage.Part part : parts) {
            // During a rebalance two instances may both answer for a partition: a key counts once.
            part.entries().forEach(byKey::putIfAbsent);
            answered.addAll(part.partitions());
            more |= part.entries().size() >= limit;
        }
        List<String> keys = byKey.keySet().stream().limit(limit).toList();
        more |= byKey.size() > limit;
        Set<Integer> missing = new TreeSet<>();
        for (int p = 0; p < partitions; p++) {
            if (!answered.contains(p)) {
                missing.add(p);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", keys.stream().map(byKey::get).toList());
        json.put("next", more && !keys.isEmpty() ? Cursor.encode(keys.getLast()) : null);
        json.put("partial", !missing.isEmpty() || !unreachable.isEmpty());
        json.put("missingPartitions", missing);
        json.put("unreachable", unreachable);
        return json;
    }

    private Set<HostInfo> otherHosts() {
        Set<HostInfo> hosts = router.streams().streamsMetadataForStore(spec.storeName()).stream()
                .map(StreamsMetadata::hostInfo)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        hosts.remove(router.self());
        return hosts;
    }

    private static int limit(Request request) {
        long limit = request.queryLong("limit").orElse((long) DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problem.badRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return (int) limit;
    }
}
