package io.eventline.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests HttpClient will not send, written on a socket: each was a 500 or reached a handler before. */
class MalformedRequestTest {

    private HttpApi api;

    @BeforeEach
    void start() throws Exception {
        api = new HttpApi(1024, Optional.empty())
                .get("/things/{id}", r -> Response.ok(Map.of("id", r.id("id"))))
                .post("/echo", r -> Response.ok(r.jsonBody()))
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void a_body_shorter_than_its_content_length_is_a_400_not_a_500() throws Exception {
        assertThat(statusLine("POST /echo", "Content-Length: 50\r\n", "{\"a\":1}")).startsWith("HTTP/1.1 400");
    }

    @Test
    void a_body_with_a_broken_chunk_is_a_400_not_a_500() throws Exception {
        assertThat(statusLine("POST /echo", "Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void methods_are_case_sensitive_so_a_lower_case_get_reaches_no_handler() throws Exception {
        assertThat(statusLine("get /things/1", "", "")).startsWith("HTTP/1.1 405");
        assertThat(statusLine("GET /things/1", "", "")).startsWith("HTTP/1.1 200");
    }

    @Test
    void a_path_id_with_bytes_outside_the_id_alphabet_is_a_400() throws Exception {
        assertThat(statusLine("GET /things/a%2Fb", "", "")).startsWith("HTTP/1.1 400");
        assertThat(statusLine("GET /things/" + "x".repeat(129), "", "")).startsWith("HTTP/1.1 400");
        assertThat(statusLine("GET /things/caf\u00e9", "", "")).startsWith("HTTP/1.1 4");
    }

    /** Half-closes after the request, so a server waiting for more body meets the end of the stream. */
    private String statusLine(String requestLine, String headers, String body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers
                    + "\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            return String.valueOf(line);
        }
    }
}
