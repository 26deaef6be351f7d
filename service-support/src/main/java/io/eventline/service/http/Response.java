package io.eventline.service.http;

import java.util.Map;

/** A handler's answer: a status, a body (serialised as JSON unless it is a String) and headers. */
public record Response(int status, Object body, String contentType, Map<String, String> headers) {

    public static Response ok(Object body) {
        return new Response(200, body, "application/json", Map.of());
    }

    public static Response of(int status, Object body) {
        return new Response(status, body, "application/json", Map.of());
    }

    public static Response text(String body, String contentType) {
        return new Response(200, body, contentType, Map.of());
    }

    public Response withHeader(String name, String value) {
        var more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new Response(status, body, contentType, more);
    }
}
