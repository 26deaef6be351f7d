package io.eventline.service.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A method and a path template such as {@code /aggregates/{type}/{id}}, bound to a handler. */
record Route(String method, List<String> segments, Handler handler, Scope scope) {

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    static Route of(String method, String template, Handler handler, Scope scope) {
        return new Route(method, split(template), handler, scope);
    }

    /** The path parameters when the raw path matches, percent-decoded per segment. */
    Optional<Map<String, String>> match(String rawPath) {
        List<String> actual = split(rawPath);
        if (actual.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            String value = decode(actual.get(i).replace("+", "%2B"));
            if (expected.startsWith("{") && expected.endsWith("}")) {
                params.put(expected.substring(1, expected.length() - 1), value);
            } else if (!expected.equals(value)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** Percent-decoding that answers 400 for a malformed escape instead of failing the server. */
    static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("malformed percent-encoding in '" + raw + "'");
        }
    }

    private static List<String> split(String path) {
        return List.of(path.replaceAll("^/+|/+$", "").split("/+"));
    }
}
