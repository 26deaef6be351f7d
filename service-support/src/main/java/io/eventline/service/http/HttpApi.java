package io.eventline.service.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small JSON-over-HTTP server on the JDK's own HttpServer, one virtual thread per request.
 * Every failure leaves as problem details: handlers throw {@link Problem}; anything else is a 500
 * whose detail names no internals. Bodies are capped; routes marked protected need the bearer token.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /**
     * The JDK server's own limits, set for the whole process before its first server exists, each
     * unless the operator set it (for instance with JAVA_TOOL_OPTIONS): a client has
     * {@value #MAX_REQUEST_SECONDS} s to send its request (a slow sender holds no connection for
     * ever), a response must be complete {@value #MAX_RESPONSE_SECONDS} s after its request was
     * (a minVersion wait and a forward included), an idle keep-alive connection is closed after
     * 30 s, and at most {@value #MAX_CONNECTIONS} connections are open at once.
     */
    public static final int MAX_REQUEST_SECONDS = 10;
    public static final int MAX_RESPONSE_SECONDS = 30;
    public static final int MAX_CONNECTIONS = 512;

    static {
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS));
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", String.valueOf(MAX_RESPONSE_SECONDS));
        System.getProperties().putIfAbsent("sun.net.httpserver.idleInterval", "30");
        System.getProperties().putIfAbsent("jdk.httpserver.maxConnections", String.valueOf(MAX_CONNECTIONS));
    }

    private final List<Route> routes = new ArrayList<>();
    private final Json json = new Json();
    private final int maxBodyBytes;
    private final Authenticator authenticator;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final Waits waits = new Waits(DEFAULT_MAX_WAITING);
    private HttpServer server;
    private javax.net.ssl.SSLContext tls;

    /** Requests waiting at once for a minVersion to be reached; one more is answered 503 at once. */
    public static final int DEFAULT_MAX_WAITING = 64;

    /**
     * Requests served at once, health checks aside; one more is answered 503 at once. Bodies are
     * capped, so this bounds the memory that requests (and queries waiting for a minVersion) hold.
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;

    /**
     * @param bearerToken when present, every route but /health/* needs it; several tokens separated
     *                    by commas are each accepted, so that a token can be rotated without a moment
     *                    in which clients with the old or the new one are refused (docs/operations.md)
     */
    public HttpApi(int maxBodyBytes, Optional<String> bearerToken) {
        this(maxBodyBytes, Authenticator.of(bearerToken, Optional.empty()), DEFAULT_MAX_IN_FLIGHT);
    }

    public HttpApi(int maxBodyBytes, Optional<String> bearerToken, int maxInFlight) {
        this(maxBodyBytes, Authenticator.of(bearerToken, Optional.empty()), maxInFlight);
    }

    /** @param authenticator who may call, with which scopes; when it requires nothing, nothing is checked */
    public HttpApi(int maxBodyBytes, Authenticator authenticator, int maxInFlight) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.authenticator = authenticator;
    }

    /** A GET: needs the read scope when credentials are configured. */
    public HttpApi get(String template, Route.Handler handler) {
        routes.add(Route.of("GET", template, handler, Scope.READ));
        return this;
    }

    /**
     * A GET anyone may make, credentials or not: for what holds no data (a web page's static assets).
     * A template ending in {@code /**} serves everything below its prefix; the handler finds the rest
     * in the path parameter {@code rest}. Register such a catch-all after the routes it must not hide.
     */
    public HttpApi publicGet(String template, Route.Handler handler) {
        routes.add(Route.of("GET", template, handler, null));
        return this;
    }

    /** A POST that only reads (a look-up, a check): the read scope. */
    public HttpApi post(String template, Route.Handler handler) {
        routes.add(Route.of("POST", template, handler, Scope.READ));
        return this;
    }

    /** A POST that changes something (a command): the write scope when credentials are configured. */
    public HttpApi protectedPost(String template, Route.Handler handler) {
        routes.add(Route.of("POST", template, handler, Scope.WRITE));
        return this;
    }

    /** An operator's POST (a decision about parked records, a schema): the admin scope. */
    public HttpApi adminPost(String template, Route.Handler handler) {
        routes.add(Route.of("POST", template, handler, Scope.ADMIN));
        return this;
    }

    public Json json() {
        return json;
    }

    /** The bound on requests that wait (for a minVersion) on this server. */
    public Waits waits() {
        return waits;
    }

    /** Serves TLS with this context (call before {@link #start}). */
    public HttpApi tls(javax.net.ssl.SSLContext context) {
        this.tls = context;
        return this;
    }

    public HttpApi start(String host, int port) throws IOException {
        if (tls != null) {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress(host, port), 128);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            server = https;
        } else {
            server = HttpServer.create(new InetSocketAddress(host, port), 128);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::exchange);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        // Health checks are cheap and must answer most when the service is busiest.
        boolean counted = !path.startsWith("/health/");
        if (counted && !inFlight.tryAcquire()) {
            try (exchange) {
                send(exchange, problemResponse(new Problem(503, "Service Unavailable", "more than " + maxInFlight
                        + " requests in flight; try again shortly", Map.of(), Map.of("Retry-After", "1")), path));
            }
            return;
        }
        try (exchange) {
            Response response;
            try {
                response = dispatch(exchange, path);
            } catch (Problem problem) {
                response = problemResponse(problem, path);
            } catch (Exception e) {
                LOG.error("request {} {} failed", exchange.getRequestMethod(), path, e);
                response = problemResponse(new Problem(500, "Internal Server Error",
                        "the request could not be completed; the error is in the service log"), path);
            }
            send(exchange, response);
        } finally {
            if (counted) {
                inFlight.release();
            }
        }
    }

    private Response dispatch(HttpExchange exchange, String path) throws Exception {
        // Methods are case-sensitive (RFC 9110, 9.1): "get" is not GET, and is refused like any unknown method.
        String method = exchange.getRequestMethod();
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(path);
            if (params.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equals(method)) {
                continue;
            }
            Map<String, String> headers = headers(exchange);
            // With credentials set, reads are private too (balances, the audit trail); only the
            // orchestrator's health checks answer without them.
            Optional<Principal> principal = path.startsWith("/health/") || route.isPublic()
                    ? Optional.empty() : authorise(headers, route);
            if (!method.equals("POST") && carriesBody(headers)) {
                // Nothing but a POST reads a body: refused before a byte of it is buffered.
                throw Problem.badRequest("a " + method + " request carries no body");
            }
            byte[] body = method.equals("POST") ? readBody(exchange.getRequestBody()) : new byte[0];
            if (method.equals("POST")) {
                requireJson(headers.get("content-type"));
            }
            Request request = new Request(method, path, params.get(), query(exchange.getRequestURI().getRawQuery()),
                    headers, body, json, principal);
            return route.handler().handle(request);
        }
        if (pathKnown) {
            throw new Problem(405, "Method Not Allowed", method + " is not supported on " + path);
        }
        throw Problem.notFound("no resource at " + path);
    }

    private Optional<Principal> authorise(Map<String, String> headers, Route route) {
        if (!authenticator.required()) {
            return Optional.empty();
        }
        Principal principal = authenticator.authenticate(Optional.ofNullable(headers.get("authorization")))
                .orElseThrow(() -> new Problem(401, "Unauthorized", "a valid bearer token is required",
                        Map.of(), Map.of("WWW-Authenticate", "Bearer")));
        if (!principal.may(route.scope())) {
            throw new Problem(403, "Forbidden", "'" + principal.name() + "' may not do this: it needs the "
                    + route.scope().label() + " scope");
        }
        return Optional.of(principal);
    }

    /**
     * A POST must say it sends JSON. A browser sends a cross-site POST without asking first only with
     * no Content-Type or a form's (text/plain, urlencoded, multipart): refusing those means a web page
     * cannot post a command on a visitor's behalf (CSRF), and a JSON POST from a page of another origin
     * needs a CORS preflight, which these services never grant.
     */
    private static void requireJson(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !JSON_SUFFIXED.matcher(mediaType).matches()) {
            throw new Problem(415, "Unsupported Media Type", "a POST body must be JSON sent with Content-Type: application/json"
                    + (contentType == null ? " (there was no Content-Type)" : ", not " + contentType),
                    Map.of(), Map.of("Accept-Post", "application/json"));
        }
    }

    private static final Pattern JSON_SUFFIXED = Pattern.compile("application/[a-z0-9.!#$&^_-]+\\+json");

    private static boolean carriesBody(Map<String, String> headers) {
        String length = headers.get("content-length");
        return headers.containsKey("transfer-encoding") || (length != null && !length.trim().equals("0"));
    }

    private byte[] readBody(InputStream in) {
        byte[] body;
        try {
            body = in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            // The client's fault: fewer bytes than its Content-Length, or a malformed chunk.
            throw Problem.badRequest("the body could not be read: " + e.getMessage());
        }
        if (body.length > maxBodyBytes) {
            throw new Problem(413, "Content Too Large", "the body exceeds " + maxBodyBytes + " bytes");
        }
        return body;
    }

    private Response problemResponse(Problem problem, String path) {
        Response response = new Response(problem.status(), problem.body(path), "application/problem+json", problem.headers());
        return response;
    }

    private void send(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = response.body() instanceof String text
                ? text.getBytes(StandardCharsets.UTF_8)
                : json.write(response.body());
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        return headers;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = Route.decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : Route.decode(pair.substring(eq + 1));
            query.put(key, value);
        }
        return query;
    }
}
