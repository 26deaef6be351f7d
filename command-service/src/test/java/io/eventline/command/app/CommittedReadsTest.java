package io.eventline.command.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.StoreNames;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.core.Decider;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderCommand.CancelOrder;
import io.eventline.domain.order.OrderCommand.PlaceOrder;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.order.OrderState;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.ServiceSettings;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads answer committed state only, and time travel follows the decision times: what a query
 * shows of an aggregate is what the event topic shows read_committed, never a transaction that may
 * still abort.
 */
@ExtendWith(KafkaExtension.class)
class CommittedReadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<OrderLine> LINES = List.of(new OrderLine("SKU-1", 2, 500));
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path stateDir;

    @Test
    void state_written_by_a_transaction_that_then_aborts_is_never_answered(KafkaTestCluster kafka) throws Exception {
        ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of(
                "EVENTLINE_TOPIC_PREFIX", "dirty", "EVENTLINE_STANDBY_REPLICAS", "0", "EVENTLINE_STREAM_THREADS", "1",
                // No commit on its own for 10 s: what the first commands write stays uncommitted meanwhile.
                "EVENTLINE_COMMIT_INTERVAL", "PT10S", "KAFKA_PRODUCER_TRANSACTION_TIMEOUT_MS", "30000",
                "EVENTLINE_HTTP_HOST", "127.0.0.1", "EVENTLINE_STATE_DIR", stateDir.toString()), "it-dirty", 0)
                .withBootstrapServers(kafka.bootstrapServers());
        CrashOnce crash = new CrashOnce();
        try (SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig())) {
            AggregateType<OrderCommand, OrderState, OrderEvent> real = Aggregates.order(registry);
            AggregateType<OrderCommand, OrderState, OrderEvent> orders =
                    new AggregateType<>("order", crash.around(real.decider()), real.codec());
            try (CommandService service = CommandService.start(settings, registry, List.of(orders))) {
                assertThat(service.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();
                service.gateway().publish(orders, command("place", new PlaceOrder("o-1", "alice", LINES, "EUR")));
                service.gateway().publish(orders, command("cancel", new CancelOrder("o-1", "crash")));
                assertThat(crash.entered.await(30, TimeUnit.SECONDS)).as("the stream thread holds the cancellation").isTrue();

                // PlaceOrder is processed and its snapshot written, in a transaction not yet committed.
                byte[] dirty = service.streams().kafkaStreams().store(StoreQueryParameters.fromNameAndType(
                        new StoreNames("order").aggregates(), QueryableStoreTypes.<String, byte[]>keyValueStore())).get("o-1");
                assertThat(dirty).as("the snapshot store already holds version 1").isNotNull();
                HttpResponse<String> whileOpen = get(service, "/aggregates/order/o-1");
                assertThat(whileOpen.statusCode()).as(whileOpen.body()).isEqualTo(404);

                crash.release.countDown(); // the thread dies: the transaction aborts, both commands run again
                JsonNode cancelled = awaitVersion(service, 2);
                assertThat(cancelled.get("stateType").asText()).isEqualTo("Cancelled");
                JsonNode events = JSON.readTree(get(service, "/aggregates/order/o-1/events").body()).get("events");
                assertThat(events).extracting(e -> e.get("version").asLong()).containsExactly(1L, 2L);

                // Time travel follows occurredAt, the decision times the audit trail shows.
                Instant placedAt = Instant.parse(events.get(0).get("occurredAt").asText());
                Instant cancelledAt = Instant.parse(events.get(1).get("occurredAt").asText());
                assertThat(state(service, "?at=" + placedAt).get("stateType").asText()).isEqualTo("Placed");
                assertThat(state(service, "?at=" + cancelledAt).get("stateType").asText()).isEqualTo("Cancelled");
                assertThat(state(service, "?version=1").get("version").asLong()).isEqualTo(1);
                assertThat(get(service, "/aggregates/order/o-1?at=" + placedAt.minusMillis(1)).statusCode()).isEqualTo(404);

                // The audit trail a page at a time.
                JsonNode first = JSON.readTree(get(service, "/aggregates/order/o-1/events?limit=1").body());
                assertThat(first.get("events")).extracting(e -> e.get("version").asLong()).containsExactly(1L);
                assertThat(first.get("next").asText()).isEqualTo("/aggregates/order/o-1/events?fromVersion=2&limit=1");
                JsonNode second = JSON.readTree(get(service, first.get("next").asText()).body());
                assertThat(second.get("events")).extracting(e -> e.get("version").asLong()).containsExactly(2L);
                assertThat(second.has("next")).isFalse();
                assertThat(get(service, "/aggregates/order/o-1/events?limit=501").statusCode()).isEqualTo(400);
            }
        }
    }

    private JsonNode awaitVersion(CommandService service, long version) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> answer = get(service, "/aggregates/order/o-1?minVersion=" + version);
            if (answer.statusCode() == 200) {
                return JSON.readTree(answer.body());
            }
            assertThat(answer.statusCode()).as(answer.body()).isIn(404, 503);
            assertThat(System.nanoTime()).as("version " + version + " within 60 s").isLessThan(deadline);
        }
    }

    private JsonNode state(CommandService service, String query) throws Exception {
        HttpResponse<String> answer = get(service, "/aggregates/order/o-1" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> get(CommandService service, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static CommandEnvelope<OrderCommand> command(String commandId, OrderCommand command) {
        return new CommandEnvelope<>(new CommandMetadata(commandId, "o-1", OptionalLong.empty(), Instant.now(),
                "corr-" + commandId, Optional.empty(), "test"), command);
    }

    /**
     * Holds the stream thread inside the first cancellation with reason "crash", then dies there
     * with an Error (as a crashed process would, between the write and the commit); after that, decides as the real one.
     */
    private static final class CrashOnce {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean crashed;

        Decider<OrderCommand, OrderState, OrderEvent> around(Decider<OrderCommand, OrderState, OrderEvent> real) {
            return new Decider<>() {
                @Override
                public OrderState initialState() {
                    return real.initialState();
                }

                @Override
                public List<OrderEvent> decide(OrderCommand command, OrderState state) {
                    if (!crashed && command instanceof CancelOrder cancel && cancel.reason().equals("crash")) {
                        crashed = true;
                        entered.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new AssertionError("the process dies here, before its transaction commits");
                    }
                    return real.decide(command, state);
                }

                @Override
                public OrderState evolve(OrderState state, OrderEvent event) {
                    return real.evolve(state, event);
                }
            };
        }
    }
}
