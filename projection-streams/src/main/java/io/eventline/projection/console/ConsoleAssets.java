package io.eventline.projection.console;

import io.eventline.service.http.Problem;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's static files, from this jar's {@code console/} resources: {@code /console/assets/<name>}
 * serves one, and every other GET under /console (a deep link such as /console/aggregates/order/o-1)
 * serves the single page, which routes in the browser. No data here, so no credentials either; the
 * page's data calls need the API's scopes. /console/api/... is never the page: an unknown API path is a 404.
 */
final class ConsoleAssets {

    static final String ROOT = "console/";
    static final String PAGE = "index.html";
    /** Names only: no directory, no dot-dot, no query; one of the types below. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(js|css|svg|html)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml; charset=utf-8");
    /**
     * The page loads its own scripts and styles only (nothing from elsewhere, no inline script), may
     * not be framed, and sends no referrer (deep links name aggregates).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

    /** GET /console/** : an asset, or the page. */
    Response serve(Request request) {
        String rest = request.param("rest");
        if (rest.equals("api") || rest.startsWith("api/")) {
            throw Problem.notFound("no console API at " + request.path());
        }
        if (rest.startsWith("assets/")) {
            String name = rest.substring("assets/".length());
            if (!NAME.matcher(name).matches()) {
                throw Problem.notFound("no console asset '" + name + "'");
            }
            return file("assets/" + name).orElseThrow(() -> Problem.notFound("no console asset '" + name + "'"));
        }
        return file(PAGE).orElseThrow(() -> new IllegalStateException("the console page is missing from the jar"));
    }

    private Optional<Response> file(String path) {
        return cache.computeIfAbsent(path, ConsoleAssets::load).map(text -> {
            String extension = path.substring(path.lastIndexOf('.') + 1);
            return Response.text(text, TYPES.get(extension))
                    .withHeader("Cache-Control", "no-cache")
                    .withHeader("X-Content-Type-Options", "nosniff")
                    .withHeader("Referrer-Policy", "no-referrer")
                    .withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        });
    }

    private static Optional<String> load(String path) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
