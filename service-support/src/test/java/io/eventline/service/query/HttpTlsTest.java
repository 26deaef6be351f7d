package io.eventline.service.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.service.config.ServiceSettings;
import io.eventline.service.http.HttpApi;
import io.eventline.service.http.HttpTls;
import io.eventline.service.http.Json;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import io.eventline.testsupport.TestCertificates;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API over TLS, from a PKCS#12 keystore or PEM files, and queries forwarded between instances over it. */
class HttpTlsTest {

    static final String PASSWORD = "keystore-secret";

    @TempDir
    Path dir;
    Path keystore;

    @BeforeEach
    void certificate() throws Exception {
        keystore = TestCertificates.localhostKeystore(dir.resolve("http.p12"), "http", PASSWORD);
    }

    @Test
    void serves_tls_from_a_keystore_and_forwards_to_a_peer_it_trusts() throws Exception {
        ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of(
                "EVENTLINE_HTTP_TLS_KEYSTORE", keystore.toString(),
                "EVENTLINE_HTTP_TLS_KEYSTORE_PASSWORD", PASSWORD), "app", 0);
        assertThat(settings.httpTls().enabled()).isTrue();

        try (HttpApi api = serving(settings.httpTls())) {
            HostInfo peer = new HostInfo("localhost", api.port());
            HttpResponse<String> direct = settings.peers().client(Duration.ofSeconds(5)).send(
                    HttpRequest.newBuilder(settings.peers().uri(peer, "/things/1")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(direct.statusCode()).isEqualTo(200);
            assertThat(direct.uri().getScheme()).isEqualTo("https");

            Optional<Response> forwarded = new Forwarder(Duration.ofSeconds(5), settings.peers()).forward(peer, get("/things/1"));
            assertThat(forwarded).hasValueSatisfying(r -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(String.valueOf(r.body())).contains("\"thing\":\"1\"");
            });

            assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + api.port() + "/things/1")).build(),
                    HttpResponse.BodyHandlers.ofString()))
                    .as("a client that does not trust the certificate").isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + "/things/1")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()))
                    .as("plain HTTP on the TLS port").isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void serves_tls_from_pem_files_and_trusts_the_ca_it_is_given() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = store.getCertificate("http");
        Path cert = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Path key = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY",
                store.getKey("http", PASSWORD.toCharArray()).getEncoded()));
        HttpTls tls = new HttpTls(Optional.empty(), Optional.empty(), Optional.of(cert), Optional.of(key), Optional.of(cert));

        try (HttpApi api = serving(tls)) {
            Peers peers = Peers.of(tls);
            HttpResponse<String> answer = peers.client(Duration.ofSeconds(5)).send(
                    HttpRequest.newBuilder(peers.uri(new HostInfo("127.0.0.1", api.port()), "/things/2")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
        }
        assertThatThrownBy(() -> new HttpTls(Optional.empty(), Optional.empty(), Optional.of(cert), Optional.of(cert),
                Optional.empty()).serverContext()).hasMessageContaining("unencrypted PKCS#8 key");
    }

    private static HttpApi serving(HttpTls tls) throws Exception {
        HttpApi api = new HttpApi(1024, Optional.empty()).tls(tls.serverContext());
        api.get("/things/{id}", r -> Response.ok(Map.of("thing", r.param("id"))));
        return api.start("127.0.0.1", 0);
    }

    private static Request get(String path) {
        return new Request("GET", path, Map.of(), Map.of(), Map.of(), new byte[0], new Json(), Optional.empty());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
