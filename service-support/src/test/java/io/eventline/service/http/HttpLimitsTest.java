package io.eventline.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of slow and waiting clients cannot take an instance's HTTP API from the others: a slow
 * sender is cut off, waiting requests are bounded, and quick requests are answered meanwhile.
 */
class HttpLimitsTest {

    HttpApi api;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        api = new HttpApi(1 << 16, Optional.empty());
        api.get("/quick", r -> Response.ok(Map.of("ok", true)))
                .get("/wait", r -> {
                    try (Waits.Permit permit = api.waits().enter()) {
                        Thread.sleep(2_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Response.ok(Map.of("waited", true));
                })
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void the_jdk_servers_own_limits_are_set_for_the_process() {
        assertThat(System.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo(String.valueOf(HttpApi.MAX_REQUEST_SECONDS));
        assertThat(System.getProperty("sun.net.httpserver.maxRspTime")).isEqualTo(String.valueOf(HttpApi.MAX_RESPONSE_SECONDS));
        assertThat(System.getProperty("jdk.httpserver.maxConnections")).isEqualTo(String.valueOf(HttpApi.MAX_CONNECTIONS));
    }

    @Test
    void three_hundred_clients_that_never_finish_their_request_are_cut_off_and_others_are_answered_meanwhile() throws Exception {
        List<Socket> slow = new ArrayList<>();
        long heapBefore = usedHeapAfterGc();
        try {
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket("127.0.0.1", api.port());
                socket.getOutputStream().write(("GET /quick HTTP/1.1\r\nHost: x\r\nX-Slow: " + i).getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                socket.setSoTimeout((HttpApi.MAX_REQUEST_SECONDS + 10) * 1000);
                slow.add(socket);
            }
            for (int i = 0; i < 20; i++) {
                assertThat(get("/quick").statusCode()).isEqualTo(200);
            }
            // A request not yet whole holds a connection and its buffers, nothing it could grow.
            assertThat(usedHeapAfterGc() - heapBefore).as("heap held by 300 unfinished requests")
                    .isLessThan(32L * 1024 * 1024);
            long started = System.nanoTime();
            for (Socket socket : slow) {
                InputStream in = socket.getInputStream();
                assertThat(in.read()).as("the server closed the slow connection").isEqualTo(-1);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(HttpApi.MAX_REQUEST_SECONDS + 5));
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void beyond_the_bound_a_request_that_would_wait_is_refused_at_once_and_quick_ones_still_pass() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            waiting.add(http.sendAsync(request("/wait"), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(500);
        long started = System.nanoTime();
        assertThat(get("/quick").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

        List<HttpResponse<String>> answers = waiting.stream().map(CompletableFuture::join).toList();
        assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(HttpApi.DEFAULT_MAX_WAITING);
        assertThat(answers.stream().filter(r -> r.statusCode() == 503))
                .hasSize(100 - HttpApi.DEFAULT_MAX_WAITING)
                .allSatisfy(r -> assertThat(r.headers().firstValue("Retry-After")).contains("1"));
        assertThat(api.waits().waiting()).isZero();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        Thread.sleep(200);
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).timeout(Duration.ofSeconds(20)).build();
    }
}
