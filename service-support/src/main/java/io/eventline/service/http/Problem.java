package io.eventline.service.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP error as RFC 9457 problem details. Thrown by handlers and rendered by {@link HttpApi};
 * never carries a stack trace to the client.
 */
public final class Problem extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    public Problem(int status, String title, String detail) {
        this(status, title, detail, Map.of(), Map.of());
    }

    public Problem(int status, String title, String detail, Map<String, Object> extensions, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "Bad Request", detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "Not Found", detail);
    }

    public static Problem conflict(String code, String detail) {
        return new Problem(409, "Conflict", detail, Map.of("code", code), Map.of());
    }

    public static Problem unavailable(String detail, int retryAfterSeconds) {
        return new Problem(503, "Service Unavailable", detail, Map.of(),
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public Problem with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(key, value);
        return new Problem(status, title, getMessage(), more, headers);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON body: type, title, status, detail, instance, then the extension members. */
    public Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        body.put("instance", instance);
        body.putAll(extensions);
        return body;
    }
}
