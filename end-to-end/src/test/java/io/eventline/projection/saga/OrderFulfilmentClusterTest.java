package io.eventline.projection.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommittedRecords;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.AggregatePartitioner;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.fulfilment.OrderFulfilment;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.projection.app.ProjectionService;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The saga with the real command service on a real broker: a workload that must settle, and a restart. */
@ExtendWith(KafkaExtension.class)
class OrderFulfilmentClusterTest {

    private static final Logger LOG = LoggerFactory.getLogger(OrderFulfilmentClusterTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path stateRoot;

    @Test
    void a_thousand_orders_end_shipped_or_cancelled_and_every_invariant_holds(KafkaTestCluster kafka) throws Exception {
        try (SagaPipeline p = new SagaPipeline(kafka, "saga-e2e", stateRoot)) {
            p.startCommandService();
            ProjectionService sagas = p.startSaga(new SagaSettings(Duration.ofSeconds(15), Duration.ofSeconds(1)), "saga");
            seed(p);

            Random random = new Random(7);
            var orders = Aggregates.order(p.registry);
            int count = 1_000;
            for (int i = 0; i < count; i++) {
                // Every hundredth customer has no account: its charge is refused, not declined.
                String customer = i % 100 == 0 ? "ghost-" + i : "customer-" + random.nextInt(40);
                String id = "order-" + i;
                p.publish(orders, id, id, new OrderCommand.PlaceOrder(id, customer, lines(random), "EUR"));
            }
            p.gateway().flush();

            awaitSettled(sagas, count, Duration.ofSeconds(90));
            InvariantReport report = new InvariantChecker(kafka.clientConfig(), p.topics, p.registry)
                    .withSagaStore(p.sagaApplicationId()).check();
            LOG.info("{} orders settled: {}; compensation reasons {}", count, report, SagaPipeline.reasons(sagas));

            assertThat(report.holds()).as(report.toString()).isTrue();
            assertThat(report.ordersOpen()).isZero();
            assertThat(report.ordersShipped() + report.ordersCancelled()).isEqualTo(count);
            assertThat(report.ordersShipped()).as(report.toString()).isPositive();
            assertThat(report.ordersCancelled()).as(report.toString()).isPositive();

            List<String> ghostReasons = new ArrayList<>();
            for (int i = 0; i < count; i += 100) {
                JsonNode saga = getJson(sagas, "/sagas/order-fulfilment/order-" + i, 200);
                assertThat(saga.get("status").asText()).isEqualTo("CANCELLED");
                assertThat(saga.get("terminal").asBoolean()).isTrue();
                assertThat(saga.get("deadline").isNull()).isTrue();
                ghostReasons.add(saga.get("reason").asText());
            }
            assertThat(ghostReasons).as("a refused ChargePayment compensates").contains("ACCOUNT_NOT_OPEN");
            getJson(sagas, "/sagas/order-fulfilment/no-such-order", 404);
        }
    }

    @Test
    void a_pending_deadline_survives_a_restart_of_the_saga_on_an_empty_state_directory(KafkaTestCluster kafka) throws Exception {
        Duration timeout = Duration.ofSeconds(12);
        try (SagaPipeline p = new SagaPipeline(kafka, "saga-restart", stateRoot)) {
            // No command service: the saga asks for stock and payment and hears nothing back.
            ProjectionService first = p.startSaga(new SagaSettings(timeout, Duration.ofSeconds(1)), "first");
            Instant placedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            appendOrderPlaced(p, "order-r", placedAt);
            assertThat(await(p, "inventory", c -> c instanceof InventoryCommand.ReserveStock, 1, Duration.ofSeconds(60))).hasSize(1);
            p.stop(first);
            assertThat(commandsOn(p, "order")).as("the deadline had not fired before the restart").isEmpty();

            ProjectionService second = p.startSaga(new SagaSettings(timeout, Duration.ofSeconds(1)), "second");
            List<CommandEnvelope<?>> cancels = await(p, "order", c -> c instanceof OrderCommand.CancelOrder, 1, Duration.ofSeconds(60));

            assertThat(cancels).singleElement().satisfies(cancel -> {
                assertThat(cancel.command()).isEqualTo(new OrderCommand.CancelOrder("order-r", OrderFulfilment.DEADLINE_PASSED));
                assertThat(cancel.metadata().issuedAt()).isEqualTo(placedAt.plus(timeout));
            });
            JsonNode saga = getJson(second, "/sagas/order-fulfilment/order-r", 200);
            assertThat(saga.get("reason").asText()).isEqualTo(OrderFulfilment.DEADLINE_PASSED);
            assertThat(Instant.parse(saga.get("deadline").asText())).as("compensation's own deadline")
                    .isEqualTo(placedAt.plus(timeout).plus(timeout));
            assertThat(saga.get("steps").toString()).contains("\"kind\":\"CANCEL_ORDER\",\"target\":\"order-r\"");
        }
    }

    private static void seed(SagaPipeline p) {
        var accounts = Aggregates.account(p.registry);
        var inventory = Aggregates.inventory(p.registry);
        List<CompletableFuture<CommandOutcome>> seeding = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            String customer = "customer-" + c;
            seeding.add(p.send(accounts, "open-" + c, customer, new AccountCommand.OpenAccount(customer, "EUR")));
        }
        seeding.forEach(CompletableFuture::join);
        for (int c = 0; c < 40; c++) {
            String customer = "customer-" + c;
            // Most customers can pay for a good part of their orders; a quarter for hardly any.
            long amount = c < 30 ? 40_000 : 1_500;
            seeding.add(p.send(accounts, "deposit-" + c, customer, new AccountCommand.DepositMoney(customer, amount)));
        }
        for (int s = 0; s < 20; s++) {
            String sku = "sku-" + s;
            // Most skus are stocked for a good part of the demand; a quarter are nearly out.
            seeding.add(p.send(inventory, "stock-" + s, sku, new InventoryCommand.AddStock(sku, s < 15 ? 120 : 3)));
        }
        assertThat(seeding).allSatisfy(f -> assertThat(f.join().accepted()).isTrue());
    }

    private static List<OrderLine> lines(Random random) {
        int first = random.nextInt(20);
        List<OrderLine> lines = new ArrayList<>(List.of(new OrderLine("sku-" + first, 1 + random.nextInt(3), 100 + random.nextInt(1_400))));
        if (random.nextBoolean()) {
            lines.add(new OrderLine("sku-" + ((first + 1 + random.nextInt(19)) % 20), 1 + random.nextInt(3), 100 + random.nextInt(1_400)));
        }
        return lines;
    }

    /** Waits, bounded, until the service holds {@code count} sagas and all of them stay terminal for a moment. */
    private static void awaitSettled(ProjectionService sagas, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int stableRounds = 0;
        int[] counts = {0, 0};
        while (System.nanoTime() < deadline && stableRounds < 3) {
            Thread.sleep(500);
            try {
                counts = SagaPipeline.sagaCounts(sagas);
            } catch (org.apache.kafka.streams.errors.InvalidStateStoreException rebalancing) {
                continue;
            }
            stableRounds = counts[0] == count && counts[1] == count ? stableRounds + 1 : 0;
        }
        assertThat(counts).as("sagas held, terminal").containsExactly(count, count);
    }

    private void appendOrderPlaced(SagaPipeline p, String orderId, Instant at) {
        var orders = Aggregates.order(p.registry);
        String topic = p.topics.events("order");
        EventMetadata meta = new EventMetadata("placed-" + orderId, "order", orderId, 1, at, "place-" + orderId,
                "corr-" + orderId, Optional.empty(), "test");
        RecordHeaders headers = new RecordHeaders();
        byte[] value = orders.codec().encodeEvent(topic, headers, new EventEnvelope<>(meta,
                new OrderEvent.OrderPlaced(orderId, "alice", List.of(new OrderLine("sku-r", 1, 100)), "EUR")));
        try (var producer = new KafkaProducer<>(p.kafka.clientConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, AggregatePartitioner.partitionOf(orderId, p.topics.partitions()),
                    at.toEpochMilli(), p.outcomes.encodeEventKey(topic, orderId, 1), value, headers));
        }
    }

    private List<CommandEnvelope<?>> await(SagaPipeline p, String aggregate, Predicate<Object> wanted, int count,
                                           Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CommandEnvelope<?>> found = List.of();
        while (System.nanoTime() < deadline) {
            found = commandsOn(p, aggregate).stream().filter(c -> wanted.test(c.command())).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(500);
        }
        return found;
    }

    /** Every committed command on the aggregate's command topic, decoded. */
    private static List<CommandEnvelope<?>> commandsOn(SagaPipeline p, String aggregate) {
        AggregateType<?, ?, ?> type = Aggregates.all(p.registry).stream().filter(t -> t.name().equals(aggregate)).findFirst().orElseThrow();
        String topic = p.topics.commands(aggregate);
        List<CommandEnvelope<?>> commands = new ArrayList<>();
        CommittedRecords.readToEnd(p.kafka.clientConfig(), topic, Duration.ofSeconds(30))
                .forEach(r -> commands.add(type.codec().decodeCommand(topic, r.headers(), r.value())));
        return commands;
    }

    private JsonNode getJson(ProjectionService service, String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }
}
