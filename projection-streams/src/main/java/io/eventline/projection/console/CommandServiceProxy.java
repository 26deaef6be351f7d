package io.eventline.projection.console;

import io.eventline.schemas.topics.Topics;
import io.eventline.service.http.HttpApi;
import io.eventline.service.http.Problem;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import io.eventline.service.query.Peers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The few command-service routes the console needs, under /console/api, so that the browser stays on
 * one origin (the services grant no CORS). Not an open proxy: four fixed routes, ids and aggregate
 * types checked, only named query parameters, to the one configured command service. The caller's
 * Authorization header goes along unchanged, so the command service checks the scopes itself too.
 * <pre>
 * GET  /console/api/aggregates/{type}/{id}          ?version= ?at= ?minVersion=
 * GET  /console/api/aggregates/{type}/{id}/events   ?fromVersion= ?limit= ?minVersion=
 * POST /console/api/commands/{type}/{id}            (write scope)
 * GET  /console/api/metrics                         the command service's Prometheus text
 * </pre>
 */
final class CommandServiceProxy {

    static final Set<String> STATE_PARAMS = Set.of("version", "at", "minVersion");
    static final Set<String> EVENT_PARAMS = Set.of("fromVersion", "limit", "minVersion");
    /** A read may wait up to 5 s for a minVersion there; a command waits for its result. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(25);
    /** Headers of the command service's answer the browser needs. */
    private static final List<String> PASSED_BACK = List.of("Retry-After", "Eventline-Stale");

    private final URI base;
    private final HttpClient client;

    CommandServiceProxy(ConsoleSettings settings, Peers peers) {
        this.base = settings.commandService();
        this.client = peers.client(Duration.ofSeconds(5));
    }

    void addTo(HttpApi api) {
        api.get("/console/api/aggregates/{type}/{id}", r -> forward(r, aggregatePath(r), STATE_PARAMS, READ_TIMEOUT))
                .get("/console/api/aggregates/{type}/{id}/events",
                        r -> forward(r, aggregatePath(r) + "/events", EVENT_PARAMS, READ_TIMEOUT))
                .protectedPost("/console/api/commands/{type}/{id}",
                        r -> forward(r, "/commands/" + type(r) + "/" + id(r), Set.of(), COMMAND_TIMEOUT))
                .get("/console/api/metrics", r -> forward(r, "/metrics", Set.of(), READ_TIMEOUT));
    }

    private static String aggregatePath(Request request) {
        return "/aggregates/" + type(request) + "/" + id(request);
    }

    /** An id, as a path segment: "." and ".." are ids by their characters, but would climb the command service's paths. */
    private static String id(Request request) {
        String id = request.id("id");
        if (id.equals(".") || id.equals("..")) {
            throw Problem.badRequest("'" + id + "' is no aggregate id the console passes on");
        }
        return encode(id);
    }

    private static String type(Request request) {
        String type = request.param("type");
        if (!Topics.AGGREGATES.contains(type)) {
            throw Problem.notFound("unknown aggregate type '" + type + "' (known: " + Topics.AGGREGATES + ")");
        }
        return type;
    }

    private Response forward(Request request, String path, Set<String> allowed, Duration timeout) {
        String query = query(request, allowed);
        HttpRequest.Builder out = HttpRequest.newBuilder(base.resolve(path + query)).timeout(timeout);
        request.header("authorization").ifPresent(value -> out.header("Authorization", value));
        request.header("accept").ifPresent(value -> out.header("Accept", value));
        if (request.method().equals("POST")) {
            out.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            out.GET();
        }
        HttpResponse<String> answer;
        try {
            answer = client.send(out.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new Problem(504, "Gateway Timeout", "the command service at " + base + " did not answer within " + timeout);
        } catch (IOException e) {
            throw new Problem(502, "Bad Gateway", "the command service at " + base + " could not be reached ("
                    + e.getClass().getSimpleName() + "); see " + ConsoleSettings.URL_VARIABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.unavailable("interrupted", 1);
        }
        return Response.relayed(answer, PASSED_BACK);
    }

    /** The allowed query parameters, re-encoded; any other one is refused rather than dropped silently. */
    static String query(Request request, Set<String> allowed) {
        var unknown = new TreeMap<>(request.query());
        unknown.keySet().removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw Problem.badRequest("query parameter(s) " + unknown.keySet() + " are not passed on; allowed here: "
                    + new java.util.TreeSet<>(allowed));
        }
        String query = new TreeMap<>(request.query()).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? "" : "?" + query;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
