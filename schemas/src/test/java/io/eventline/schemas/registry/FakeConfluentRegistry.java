package io.eventline.schemas.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * The part of Confluent's Schema Registry REST API the client uses, on a loopback ephemeral port,
 * answering as the real one does (status codes, error_code, verbose compatibility messages).
 * A test can make the next answer an error or a slow one.
 */
final class FakeConfluentRegistry implements AutoCloseable {
    private static final Pattern SUBJECT_PATH = Pattern.compile("/subjects/([^/]+)(/versions(/(\\d+))?)?");
    private static final Pattern ID_PATH = Pattern.compile("/schemas/ids/(\\d+)");
    private static final Pattern COMPATIBILITY_PATH = Pattern.compile("/compatibility/subjects/([^/]+)/versions/latest");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<String> schemas = new ArrayList<>();              // canonical JSON; id = index + 1
    private final Map<String, List<Integer>> subjects = new HashMap<>();  // subject -> ids of its versions
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private volatile Fault fault;

    /** What the next request starting with {@code request} ("POST /subjects/...") gets instead of its answer. */
    private record Fault(String request, Duration delay, int status, String body) {
    }

    FakeConfluentRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void failNext(String request, int status, int errorCode, String message) {
        fault = new Fault(request, Duration.ZERO, status, "{\"error_code\":" + errorCode + ",\"message\":\"" + message + "\"}");
    }

    void delayNext(String request, Duration delay) {
        fault = new Fault(request, delay, 0, null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + path);
        contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try {
            Fault current = fault;
            if (current != null && (method + " " + path).startsWith(current.request())) {
                fault = null;
                Thread.sleep(current.delay());
                if (current.status() != 0) {
                    reply(exchange, current.status(), current.body());
                    return;
                }
            }
            synchronized (this) {
                route(exchange, method, path, body);
            }
        } catch (InterruptedException | IOException e) {
            exchange.close(); // the client gave up: nobody reads this answer
        }
    }

    private void route(HttpExchange exchange, String method, String path, String body) throws IOException {
        Matcher m;
        if ((m = ID_PATH.matcher(path)).matches()) {
            int id = Integer.parseInt(m.group(1));
            if (id < 1 || id > schemas.size()) {
                error(exchange, 404, 40403, "Schema " + id + " not found");
            } else {
                reply(exchange, 200, json.writeValueAsString(Map.of("schema", schemas.get(id - 1))));
            }
        } else if ((m = COMPATIBILITY_PATH.matcher(path)).matches()) {
            List<Integer> versions = subjects.get(m.group(1));
            if (versions == null) {
                error(exchange, 404, 40401, "Subject '" + m.group(1) + "' not found.");
                return;
            }
            Schema latest = new Schema.Parser().parse(schemas.get(versions.getLast() - 1));
            List<String> problems = BackwardCompatibility.problems(schema(body), latest);
            reply(exchange, 200, json.writeValueAsString(Map.of("is_compatible", problems.isEmpty(), "messages", problems)));
        } else if ((m = SUBJECT_PATH.matcher(path)).matches()) {
            subject(exchange, method, m.group(1), m.group(2), m.group(4), body);
        } else {
            error(exchange, 404, 404, "HTTP 404 Not Found");
        }
    }

    private void subject(HttpExchange exchange, String method, String subject, String versionsPart, String number, String body) throws IOException {
        List<Integer> versions = subjects.get(subject);
        if (method.equals("POST") && versionsPart == null) { // look up a schema under a subject
            int version = versions == null ? -1 : versions.indexOf(schemas.indexOf(schema(body).toString()) + 1);
            if (versions == null) {
                error(exchange, 404, 40401, "Subject '" + subject + "' not found.");
            } else if (version < 0) {
                error(exchange, 404, 40403, "Schema not found");
            } else {
                reply(exchange, 200, versionJson(subject, version + 1, versions.get(version)));
            }
        } else if (method.equals("POST")) { // register (the client checked compatibility; failNext plays a refusal)
            String canonical = schema(body).toString();
            int id = schemas.indexOf(canonical) + 1;
            if (id == 0) {
                schemas.add(canonical);
                id = schemas.size();
            }
            List<Integer> list = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
            if (!list.contains(id)) {
                list.add(id);
            }
            reply(exchange, 200, "{\"id\":" + id + "}");
        } else if (versions == null) {
            error(exchange, 404, 40401, "Subject '" + subject + "' not found.");
        } else if (number == null) {
            List<Integer> numbers = new ArrayList<>();
            for (int i = 1; i <= versions.size(); i++) {
                numbers.add(i);
            }
            reply(exchange, 200, json.writeValueAsString(numbers));
        } else {
            int version = Integer.parseInt(number);
            reply(exchange, 200, versionJson(subject, version, versions.get(version - 1)));
        }
    }

    private String versionJson(String subject, int version, int id) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subject", subject);
        answer.put("version", version);
        answer.put("id", id);
        answer.put("schema", schemas.get(id - 1));
        return json.writeValueAsString(answer);
    }

    private Schema schema(String body) throws IOException {
        return new Schema.Parser().parse(json.readTree(body).path("schema").asText());
    }

    private void error(HttpExchange exchange, int status, int errorCode, String message) throws IOException {
        reply(exchange, status, json.writeValueAsString(Map.of("error_code", errorCode, "message", message)));
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
