package io.eventline.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler sees of a request: the path parameters, the query string, the body, and who sent
 * it (empty when the service requires no credentials).
 */
public record Request(String method, String path, Map<String, String> pathParams, Map<String, String> query,
                      Map<String, String> headers, byte[] body, Json json, Optional<Principal> principal) {

    public String param(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }

    /** A path parameter that names something (an aggregate, a read model's key): a 400 problem unless it is an {@link Ids id}. */
    public String id(String name) {
        return Ids.require(name, param(name));
    }

    /** The same request with one more query parameter (or another value for it). */
    public Request withQueryParam(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(query);
        more.put(name, value);
        return new Request(method, path, pathParams, Map.copyOf(more), headers, body, json, principal);
    }

    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public Optional<Long> queryLong(String name) {
        return queryParam(name).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw Problem.badRequest("query parameter '" + name + "' must be a whole number, got '" + v + "'");
            }
        });
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The body as a JSON object; a 400 problem when it is missing or malformed. */
    public JsonNode jsonBody() {
        return json.parseObject(body);
    }

    /** The body as a JSON object, or null when there is none; a 400 problem when it is malformed. */
    public JsonNode jsonBodyIfAny() {
        return body == null || body.length == 0 ? null : jsonBody();
    }

    /**
     * Who an operator's decision is recorded as: the authenticated principal when the service requires
     * credentials, else the {@code by} the body names, else {@code otherwise}. A {@code by} that is not
     * a non-blank string of at most 200 characters is a 400 problem.
     */
    public String decidedBy(JsonNode body, String otherwise) {
        if (principal.isPresent()) {
            return principal.get().name();
        }
        if (body == null || !body.hasNonNull("by")) {
            return otherwise;
        }
        JsonNode by = body.get("by");
        if (!by.isTextual() || by.asText().isBlank() || by.asText().length() > 200) {
            throw Problem.badRequest("'by' must be a non-blank string of at most 200 characters");
        }
        return by.asText();
    }
}
