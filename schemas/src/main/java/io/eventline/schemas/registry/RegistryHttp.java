package io.eventline.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * JSON over HTTP with a Confluent Schema Registry: every call has a deadline, and every failure
 * says which registry, which request, and what the registry answered (its error_code and message).
 */
final class RegistryHttp {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";

    private final URI base;
    private final Duration requestTimeout;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttp(URI base, Duration connectTimeout, Duration requestTimeout) {
        String url = base.toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    /** The registry's answer; {@link #errorCode()} is Confluent's error_code, or the HTTP status if it gave none. */
    record Response(String request, int status, JsonNode body, URI registry) {
        boolean ok() {
            return status / 100 == 2;
        }

        int errorCode() {
            return body.path("error_code").asInt(status);
        }

        JsonNode orThrow() {
            if (!ok()) {
                throw new SchemaRegistryException("Schema registry " + registry + " answered " + status + " to " + request
                        + ": error_code " + errorCode() + ": " + body.path("message").asText("(no message)"), errorCode(), null);
            }
            return body;
        }
    }

    Response get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody());
    }

    Response post(String path, Object body) {
        try {
            return send("POST", path, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } catch (IOException e) {
            throw new SchemaRegistryException("Cannot write a request body for " + path, e);
        }
    }

    static String segment(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    URI base() {
        return base;
    }

    private Response send(String method, String path, HttpRequest.BodyPublisher body) {
        String request = method + " " + path;
        HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body)
                .timeout(requestTimeout)
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", ACCEPT)
                .build();
        try {
            HttpResponse<String> response = client.send(httpRequest, HttpResponse.BodyHandlers.ofString());
            return new Response(request, response.statusCode(), parse(response.body()), base);
        } catch (HttpTimeoutException e) {
            throw new SchemaRegistryException("Schema registry " + base + " did not answer " + request + " within " + requestTimeout, e);
        } catch (IOException e) {
            throw new SchemaRegistryException("Cannot reach schema registry " + base + " for " + request + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted during " + request + " to schema registry " + base, e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : json.readTree(body);
        } catch (IOException notJson) {
            // A proxy's HTML error page, say: keep its text as the message.
            return json.createObjectNode().put("message", body.length() > 200 ? body.substring(0, 200) + "..." : body);
        }
    }
}
