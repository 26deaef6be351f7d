package io.eventline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeepAliveHttpTest {

    private HttpServer server;
    private final Set<Object> connections = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            connections.add(exchange.getRemoteAddress());
            byte[] body = ("you asked for " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Eventline-Served-By", "127.0.0.1:9999");
            if (exchange.getRequestURI().getPath().equals("/close")) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            int status = exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200;
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void asksOneQueryAfterAnotherOnOneConnection() throws IOException {
        try (KeepAliveHttp http = new KeepAliveHttp(server.getAddress().getPort())) {
            for (int i = 0; i < 20; i++) {
                KeepAliveHttp.Answer answer = http.get("/aggregates/inventory/sku-" + i);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.servedBy()).isEqualTo("127.0.0.1:9999");
            }
            assertThat(http.get("/missing").status()).isEqualTo(404);
        }
        assertThat(connections).hasSize(1);
    }

    @Test
    void opensANewConnectionWhenTheServerClosesOne() throws IOException {
        try (KeepAliveHttp http = new KeepAliveHttp(server.getAddress().getPort())) {
            assertThat(http.get("/close").status()).isEqualTo(200);
            assertThat(http.get("/again").status()).isEqualTo(200);
        }
        assertThat(connections).hasSize(2);
    }

    @Test
    void failsWhenNoServerListens() {
        server.stop(0);
        try (KeepAliveHttp http = new KeepAliveHttp(server.getAddress().getPort())) {
            assertThatThrownBy(() -> http.get("/")).isInstanceOf(IOException.class);
        }
    }
}
