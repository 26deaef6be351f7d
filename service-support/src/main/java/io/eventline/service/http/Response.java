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

    /** Another service's answer, passed on as it came, with those of its headers the caller needs. */
    public static Response relayed(java.net.http.HttpResponse<String> answer, java.util.Collection<String> passedBack) {
        String contentType = answer.headers().firstValue("Content-Type").orElse("application/json");
        Response response = new Response(answer.statusCode(), answer.body(), contentType, Map.of());
        for (String header : passedBack) {
            java.util.Optional<String> value = answer.headers().firstValue(header);
            if (value.isPresent()) {
                response = response.withHeader(header, value.get());
            }
        }
        return response;
    }

    public Response withHeader(String name, String value) {
        var more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new Response(status, body, contentType, more);
    }
}
