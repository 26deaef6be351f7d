package io.eventline.projection.readmodel.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventline.projection.readmodel.ProjectionMonitor;
import io.eventline.service.http.HttpApi;
import io.eventline.service.http.Json;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import io.eventline.service.query.Peers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * GET /projections/status: every watched projection of every instance of this service. Each
 * instance counts only the partitions it hosts, so the instance asked adds the others' figures to
 * its own: lag in records, changes applied and parked records are summed, the lag in seconds is
 * the largest, and the state is the least healthy. Each instance's own figures stay beside the
 * sum. An instance that does not answer in time is named ({@code "partial": true}), not waited for.
 */
public final class StatusQueries {

    static final String PATH = "/projections/status";

    /** Least healthy last: the state a projection is shown in when its instances disagree. */
    private static final List<String> HEALTH = List.of("RUNNING", "CREATED", "REBALANCING", "PENDING_SHUTDOWN",
            "NOT_RUNNING", "PENDING_ERROR", "ERROR");

    private final MeterRegistry meters;
    private final List<KafkaStreams> applications;
    private final HostInfo self;
    private final InstanceClient instances;
    private final Json json;

    StatusQueries(MeterRegistry meters, List<KafkaStreams> applications, HostInfo self, InstanceClient instances,
                  Json json) {
        this.meters = meters;
        this.json = json;
        this.applications = List.copyOf(applications);
        this.self = self;
        this.instances = instances;
    }

    public static void addTo(HttpApi api, MeterRegistry meters, List<KafkaStreams> applications, HostInfo self,
                             Peers peers) {
        StatusQueries queries = new StatusQueries(meters, applications, self, new InstanceClient(Duration.ofSeconds(2),
                api.json(), peers), api.json());
        api.get(PATH, queries::status);
    }

    Response status(Request request) {
        List<Map<String, Object>> own = ProjectionMonitor.status(meters);
        if (request.queryParam(KeyedQueries.FORWARDED).isPresent()) {
            return Response.ok(Map.of("projections", own));
        }
        Map<String, CompletableFuture<Optional<JsonNode>>> asked = new LinkedHashMap<>();
        for (HostInfo host : otherHosts()) {
            asked.put(name(host), instances.localPart(host, PATH, Map.of(), request.header("authorization")));
        }
        Map<String, List<Map<String, Object>>> byInstance = new LinkedHashMap<>();
        byInstance.put(name(self), own);
        List<String> unreachable = new ArrayList<>();
        asked.forEach((instance, answer) -> answer.join().ifPresentOrElse(
                part -> byInstance.put(instance, projections(part)),
                () -> unreachable.add(instance)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("projections", merge(byInstance));
        answer.put("partial", !unreachable.isEmpty());
        answer.put("unreachable", unreachable);
        return Response.ok(answer);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> projections(JsonNode part) {
        List<Map<String, Object>> projections = new ArrayList<>();
        part.path("projections").forEach(p -> projections.add(json.mapper().convertValue(p, Map.class)));
        return projections;
    }

    /** One entry per projection and application, its instances' figures combined and listed. */
    static List<Map<String, Object>> merge(Map<String, List<Map<String, Object>>> byInstance) {
        Map<String, Map<String, Object>> merged = new TreeMap<>();
        byInstance.forEach((instance, projections) -> {
            for (Map<String, Object> p : projections) {
                String key = p.get("projection") + "\u0000" + p.get("applicationId");
                Map<String, Object> sum = merged.computeIfAbsent(key, k -> start(p));
                sum.put("state", leastHealthy((String) sum.get("state"), (String) p.get("state")));
                sum.put("lagRecords", plus(sum.get("lagRecords"), p.get("lagRecords")));
                sum.put("lagSeconds", max(sum.get("lagSeconds"), p.get("lagSeconds")));
                sum.put("changesApplied", plus(sum.get("changesApplied"), p.get("changesApplied")));
                sum.put("parkedRecords", plus(sum.get("parkedRecords"), p.get("parkedRecords")));
                Map<String, Object> own = new LinkedHashMap<>(p);
                own.remove("projection");
                own.remove("applicationId");
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("instance", instance);
                entry.putAll(own);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> listed = (List<Map<String, Object>>) sum.get("instances");
                listed.add(entry);
            }
        });
        return List.copyOf(merged.values());
    }

    private static Map<String, Object> start(Map<String, Object> first) {
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("projection", first.get("projection"));
        sum.put("applicationId", first.get("applicationId"));
        sum.put("state", first.get("state"));
        sum.put("lagRecords", null);
        sum.put("lagSeconds", null);
        sum.put("changesApplied", null);
        sum.put("parkedRecords", null);
        sum.put("instances", new ArrayList<Map<String, Object>>());
        return sum;
    }

    static String leastHealthy(String a, String b) {
        return HEALTH.indexOf(b) > HEALTH.indexOf(a) ? b : a;
    }

    /** A figure unknown on one instance (null) leaves the sum to the others; unknown everywhere stays null. */
    private static Object plus(Object sum, Object value) {
        if (value == null) {
            return sum;
        }
        return sum == null ? ((Number) value).longValue() : ((Number) sum).longValue() + ((Number) value).longValue();
    }

    private static Object max(Object largest, Object value) {
        if (value == null) {
            return largest;
        }
        double v = ((Number) value).doubleValue();
        return largest == null ? v : Math.max(((Number) largest).doubleValue(), v);
    }

    private Set<HostInfo> otherHosts() {
        Set<HostInfo> hosts = new LinkedHashSet<>();
        for (KafkaStreams app : applications) {
            try {
                app.metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo)
                        .filter(host -> host.port() > 0)
                        .forEach(hosts::add);
            } catch (RuntimeException notYet) {
                // An application not started yet knows no other instance; the others still do.
            }
        }
        hosts.remove(self);
        return hosts;
    }

    private static String name(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
