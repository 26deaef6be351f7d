package io.eventline.service.query;

import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/** Sends a query on to the instance that owns its key, once: the forwarded copy is never forwarded again. */
final class Forwarder {

    static final String FORWARDED_PARAM = "forwarded";
    /** Headers of the owner's answer the caller needs. */
    private static final List<String> PASSED_BACK = List.of(QueryRouter.STALE_HEADER, QueryRouter.SERVED_BY_HEADER, "Retry-After");

    private final HttpClient client;
    private final Duration timeout;
    private final Peers peers;

    Forwarder(Duration timeout, Peers peers) {
        this.timeout = timeout;
        this.peers = peers;
        this.client = peers.client(timeout);
    }

    /** The owner's answer, or empty when it cannot be reached in time (it may have just died). */
    Optional<Response> forward(HostInfo host, Request request) {
        return forward(host, request, timeout);
    }

    /** As above, with time for the owner to answer that is not the usual (a wait it does there). */
    Optional<Response> forward(HostInfo host, Request request, Duration timeout) {
        if (host.port() < 0) {
            // Kafka Streams' HostInfo.unavailable(): an owner whose address is not known (yet), as
            // good as one that cannot be reached, not a reason for a 500.
            return Optional.empty();
        }
        StringBuilder query = new StringBuilder(FORWARDED_PARAM + "=true");
        request.query().forEach((k, v) -> {
            if (!k.equals(FORWARDED_PARAM)) {
                query.append('&').append(encode(k)).append('=').append(encode(v));
            }
        });
        URI uri = peers.uri(host, request.path() + "?" + query);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        request.header("authorization").ifPresent(v -> builder.header("Authorization", v));
        try {
            HttpResponse<String> answer = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return Optional.of(Response.relayed(answer, PASSED_BACK));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
