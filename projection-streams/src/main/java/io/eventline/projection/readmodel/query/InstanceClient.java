package io.eventline.projection.readmodel.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventline.service.http.Json;
import java.net.URI;
import java.net.URLEncoder;
import io.eventline.service.query.Peers;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance for its local part of a list, marked {@code forwarded=true} (the convention
 * of service-support's Forwarder) so that it answers from its own stores and gathers nothing.
 */
final class InstanceClient {

    private final HttpClient client;
    private final Duration timeout;
    private final Json json;
    private final Peers peers;

    InstanceClient(Duration timeout, Json json, Peers peers) {
        this.timeout = timeout;
        this.json = json;
        this.peers = peers;
        this.client = peers.client(timeout);
    }

    /**
     * The instance's JSON answer; empty when it did not answer 200 within the timeout. The caller's
     * credentials go along: with a token set, the other instance needs them as this one did.
     */
    CompletableFuture<Optional<JsonNode>> localPart(HostInfo host, String path, Map<String, String> query,
                                                    Optional<String> authorization) {
        String params = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&", KeyedQueries.FORWARDED + "=true&", ""));
        URI uri = peers.uri(host, path + "?" + params);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        authorization.ifPresent(value -> builder.header("Authorization", value));
        HttpRequest request = builder.build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> response.statusCode() == 200
                        ? Optional.of(json.parse(response.body()))
                        : Optional.<JsonNode>empty())
                .completeOnTimeout(Optional.empty(), timeout.toMillis() + 500, java.util.concurrent.TimeUnit.MILLISECONDS)
                .exceptionally(error -> Optional.empty());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
