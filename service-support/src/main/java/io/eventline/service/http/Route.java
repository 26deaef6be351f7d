package io.eventline.service.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A method and a path template such as {@code /aggregates/{type}/{id}}, bound to a handler. A template
 * ending in {@code /**} matches its prefix and anything below it, the rest as the parameter
 * {@value #REST}. A route with no scope is public: it answers without credentials.
 */
record Route(String method, List<String> segments, Handler handler, Scope scope) {

    /** The parameter that holds what a {@code /**} template matched below its prefix ("" for the prefix itself). */
    static final String REST = "rest";
    private static final String ANY = "**";

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
        boolean prefix = segments.getLast().equals(ANY);
        int fixed = prefix ? segments.size() - 1 : segments.size();
        if (prefix ? actual.size() < fixed : actual.size() != fixed) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        if (prefix) {
            List<String> rest = actual.subList(fixed, actual.size()).stream().filter(s -> !s.isEmpty()).toList();
            params.put(REST, String.join("/", rest.stream().map(s -> decode(s.replace("+", "%2B"))).toList()));
        }
        for (int i = 0; i < fixed; i++) {
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

    boolean isPublic() {
        return scope == null;
    }

    private static List<String> split(String path) {
        return List.of(path.replaceAll("^/+|/+$", "").split("/+"));
    }
}
