package io.eventline.service.query;

import io.eventline.service.http.HttpTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * How an instance reaches the other instances of its service (a forwarded query, a list gathered
 * from all): plain HTTP, or TLS trusting what the service's TLS settings say.
 */
public final class Peers {

    private final HttpTls tls;

    private Peers(HttpTls tls) {
        this.tls = tls;
    }

    public static Peers plain() {
        return new Peers(HttpTls.none());
    }

    public static Peers of(HttpTls tls) {
        return new Peers(tls);
    }

    public HttpClient client(Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (tls.enabled()) {
            builder.sslContext(tls.clientContext());
        }
        return builder.build();
    }

    /** The URL of {@code pathAndQuery} on {@code host}. */
    public URI uri(HostInfo host, String pathAndQuery) {
        return URI.create(tls.scheme() + "://" + host.host() + ":" + host.port() + pathAndQuery);
    }
}
