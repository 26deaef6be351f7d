package io.eventline.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends malformed requests to a running service: wrong methods, paths with odd bytes and broken
 * escapes, bad query parameters, and bodies that are too big, truncated, binary, lying about their
 * length or of the wrong JSON shape. Seeded, so a failure can be replayed. Each request's answer
 * is its status, or {@link RawHttp#NO_ANSWER} / {@link RawHttp#TIMED_OUT}.
 *
 * @param routes      the service's routes as "METHOD /template/{param}?queryParam&queryParam"
 * @param params      well-formed values for each template parameter (only one part of a request is broken at a time)
 * @param badValues   for each query parameter, values the routes that take it must refuse
 * @param badBodies   bodies the POST routes must refuse (wrong JSON types, say)
 * @param goodBodies  well-formed bodies, which the fuzzer truncates
 */
public record HttpFuzzer(int port, List<String> routes, Map<String, List<String>> params, Map<String, List<String>> badValues,
                         List<String> badBodies, List<String> goodBodies, int maxBodyBytes, String extraHeaders) {

    public HttpFuzzer(int port, List<String> routes, Map<String, List<String>> params, Map<String, List<String>> badValues,
                      List<String> badBodies, List<String> goodBodies, int maxBodyBytes) {
        this(port, routes, params, badValues, badBodies, goodBodies, maxBodyBytes, "");
    }

    /** The same fuzzer sending {@code name: value} with every request (credentials, say). */
    public HttpFuzzer withHeader(String name, String value) {
        return new HttpFuzzer(port, routes, params, badValues, badBodies, goodBodies, maxBodyBytes,
                extraHeaders + name + ": " + value + "\r\n");
    }

    public record Outcome(String request, int status) {}

    private static final List<String> METHODS = List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "get", "CONNECT");
    private static final List<String> ODD_SEGMENTS = List.of("%", "%zz", "%0", "%00", "%2F", "%2e%2e", "..", "%C0%AF", "%FF%FE",
            "%E2%82", "%25", "a%20b", "%C3%A4", "%0D%0A", "%7B%7D", "+", "~", "x".repeat(5_000), "%u0041", "'or'1'='1", "<script>");

    public List<Outcome> run(int count, long seed, int threads, Duration timeout) throws Exception {
        Random random = new Random(seed);
        List<String[]> requests = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] described = new String[1];
            bytes.add(next(random, described));
            requests.add(described);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (byte[] request : bytes) {
                answers.add(pool.submit(() -> RawHttp.exchange(port, request, timeout)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                outcomes.add(new Outcome(requests.get(i)[0], answers.get(i).get()));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private byte[] next(Random random, String[] described) {
        String[] route = routes.get(random.nextInt(routes.size())).split("[ ?]", 3);
        String method = route[0];
        List<String> queryParams = route.length > 2 ? List.of(route[2].split("&")) : List.of();
        String path = path(route[1], random, -1);
        String headers = "";
        byte[] body = new byte[0];
        byte[] target = path.getBytes(StandardCharsets.ISO_8859_1);
        String kind = switch (random.nextInt(method.equals("POST") ? 6 : 4)) {
            case 0 -> {
                method = METHODS.get(random.nextInt(METHODS.size()));
                yield "method " + method;
            }
            case 1 -> {
                target = oddPath(route[1], random);
                yield "odd path";
            }
            case 2 -> {
                String query = queryParams.isEmpty() ? junkQuery(random) : badQuery(random, queryParams);
                target = (path + "?" + query).getBytes(StandardCharsets.ISO_8859_1);
                yield "query";
            }
            case 3 -> {
                target = (path + "?" + junkQuery(random)).getBytes(StandardCharsets.ISO_8859_1);
                yield "junk query";
            }
            default -> {
                BadBodies.Bad bad = BadBodies.next(random, badBodies, goodBodies, maxBodyBytes);
                body = bad.body();
                headers = bad.headers() != null ? bad.headers() : "Content-Length: " + body.length + "\r\n";
                yield "body " + bad.kind();
            }
        };
        if (body.length == 0 && headers.isEmpty() && method.equals("POST")) {
            headers = "Content-Length: 0\r\n";
        }
        described[0] = kind + ": " + method + " " + abbreviate(new String(target, StandardCharsets.ISO_8859_1))
                + (body.length > 0 ? " body " + abbreviate(new String(body, StandardCharsets.ISO_8859_1)) : "");
        return RawHttp.request(method, target, extraHeaders + headers, body);
    }

    private String path(String template, Random random, int brokenSegment) {
        String[] segments = template.substring(1).split("/");
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (i == brokenSegment) {
                s = pick(random, ODD_SEGMENTS);
            } else if (s.startsWith("{")) {
                s = pick(random, params.get(s.substring(1, s.length() - 1)));
            }
            path.append('/').append(s);
        }
        return path.toString();
    }

    private byte[] oddPath(String template, Random random) {
        int segments = template.substring(1).split("/").length;
        return switch (random.nextInt(4)) {
            case 0 -> path(template, random, random.nextInt(segments)).getBytes(StandardCharsets.ISO_8859_1);
            case 1 -> {
                byte[] raw = path(template, random, -1).getBytes(StandardCharsets.ISO_8859_1);
                byte[] odd = new byte[raw.length + 3];
                System.arraycopy(raw, 0, odd, 0, raw.length);
                for (int i = raw.length; i < odd.length; i++) {
                    odd[i] = (byte) (0x80 + random.nextInt(0x80)); // bytes no URI may contain
                }
                yield odd;
            }
            case 2 -> (path(template, random, -1) + "/extra/../..//" + pick(random, ODD_SEGMENTS)).getBytes(StandardCharsets.ISO_8859_1);
            // Characters a URI may not contain unescaped, raw in the last segment.
            default -> (path(template, random, -1) + pick(random, List.of("\t", "\"", "\\", "{", "|", "^", "`", "<", ">", "\u0001", "\u007f")))
                    .getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    /** One parameter the route takes, with a value it must refuse; sometimes after a good parameter or twice. */
    private String badQuery(Random random, List<String> queryParams) {
        String param = pick(random, queryParams);
        String bad = param + "=" + pick(random, badValues.get(param));
        return switch (random.nextInt(4)) {
            case 0 -> "forwarded=true&" + bad;
            case 1 -> param + "=1&" + bad; // the last value counts
            default -> bad;
        };
    }

    /** Escapes no decoder accepts, in a key or a value: refused by any route. */
    private static String junkQuery(Random random) {
        return pick(random, List.of("%zz=1", "a=%", "%=x", "x=%G1", "x=%E2%82%", "&%&=%"));
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…(" + s.length() + ")" : s;
    }
}
