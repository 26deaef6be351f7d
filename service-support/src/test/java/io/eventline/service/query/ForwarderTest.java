package io.eventline.service.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.service.http.Json;
import io.eventline.service.http.Request;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class ForwarderTest {

    private final Forwarder forwarder = new Forwarder(Duration.ofSeconds(1), Peers.plain());
    private final Request request = new Request("GET", "/readmodels/orders/o-1", Map.of(), Map.of(), Map.of(), new byte[0],
            new Json(), Optional.empty());

    @Test
    void an_owner_whose_address_is_not_known_yet_is_one_that_cannot_be_reached() {
        assertThat(forwarder.forward(HostInfo.unavailable(), request)).isEmpty();
    }

    @Test
    void an_owner_that_does_not_answer_is_one_that_cannot_be_reached() {
        // Port 1 on this machine: nothing listens there, so the connection is refused at once.
        assertThat(forwarder.forward(new HostInfo("127.0.0.1", 1), request)).isEmpty();
    }
}
