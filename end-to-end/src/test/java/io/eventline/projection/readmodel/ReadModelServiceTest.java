package io.eventline.projection.readmodel;

import static io.eventline.projection.readmodel.ReadModelPipeline.await;
import static io.eventline.projection.readmodel.ReadModelPipeline.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventline.contracts.CommandOutcome;
import io.eventline.domain.account.AccountCommand.DepositMoney;
import io.eventline.domain.account.AccountCommand.OpenAccount;
import io.eventline.domain.inventory.InventoryCommand.AddStock;
import io.eventline.domain.order.OrderCommand.CancelOrder;
import io.eventline.domain.order.OrderCommand.ConfirmOrder;
import io.eventline.domain.order.OrderCommand.PlaceOrder;
import io.eventline.domain.order.OrderLine;
import io.eventline.projection.app.ProjectionService;
import io.eventline.projection.readmodel.account.AccountBalanceModule;
import io.eventline.projection.readmodel.customer.CustomerStatsModule;
import io.eventline.projection.readmodel.customer.CustomerStatsTopology;
import io.eventline.projection.readmodel.ops.ProjectionRebuild;
import io.eventline.projection.readmodel.order.OrderSummaryModule;
import io.eventline.projection.readmodel.sales.DailySalesModule;
import io.eventline.projection.readmodel.stock.StockLevelModule;
import io.eventline.schemas.avro.readmodel.StoredCustomerStats;
import io.eventline.schemas.avro.readmodel.StoredStockLevel;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.service.config.ServiceSettings;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** One projection instance in process with a command service: read-your-writes, paging, status, rebuild. */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadModelServiceTest {

    static final List<OrderLine> LINES = List.of(new OrderLine("SKU-1", 2, 1250));
    static final Duration MIN_VERSION_WAIT = Duration.ofSeconds(3);

    ReadModelPipeline pipeline;
    ServiceSettings settings;
    int port;

    @BeforeAll
    void start(KafkaTestCluster kafka) throws Exception {
        Path root = Files.createTempDirectory("read-model-service-test");
        pipeline = new ReadModelPipeline(kafka, "rm-svc", root);
        port = ReadModelPipeline.freePort();
        settings = pipeline.settings("rm-svc-projections", Map.of("EVENTLINE_STANDBY_REPLICAS", "0"))
                .withInstance(port, Files.createDirectories(root.resolve("projections")));
        ProjectionService service = pipeline.closeLater(ProjectionService.start(settings, pipeline.registry, List.of(
                new OrderSummaryModule(MIN_VERSION_WAIT), new CustomerStatsModule(), new DailySalesModule(),
                new StockLevelModule(), new AccountBalanceModule())));
        assertThat(service.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();
        assertThat(pipeline.commands.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();
    }

    @AfterAll
    void stop() throws Exception {
        pipeline.close();
    }

    @Test
    void a_query_with_the_version_a_command_returned_sees_that_version() throws Exception {
        CommandOutcome placed = pipeline.send(pipeline.orders(), "rw-1-place", "rw-1", new PlaceOrder("rw-1", "carol", LINES, "EUR"));
        JsonNode first = json(pipeline.get(port, "/readmodels/orders/rw-1?minVersion=" + placed.version()));
        assertThat(first.get("version").asLong()).isEqualTo(placed.version());
        assertThat(first.get("status").asText()).isEqualTo("PLACED");

        CommandOutcome confirmed = pipeline.send(pipeline.orders(), "rw-1-confirm", "rw-1", new ConfirmOrder("rw-1"));
        HttpResponse<String> answer = pipeline.get(port, "/readmodels/orders/rw-1?minVersion=" + confirmed.version());
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode order = json(answer);
        assertThat(order.get("version").asLong()).isEqualTo(2);
        assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.get("customerId").asText()).isEqualTo("carol");
        assertThat(order.get("total").asLong()).isEqualTo(2500);
        assertThat(order.get("timeline")).extracting(t -> t.get("type").asText()).containsExactly("OrderPlaced", "OrderConfirmed");
        assertThat(order.get("stale").asBoolean()).isFalse();
    }

    @Test
    void a_version_the_read_model_does_not_reach_in_time_is_a_503_naming_the_version_it_has() throws Exception {
        CommandOutcome placed = pipeline.send(pipeline.orders(), "rw-2-place", "rw-2", new PlaceOrder("rw-2", "dave", LINES, "EUR"));
        assertThat(pipeline.get(port, "/readmodels/orders/rw-2?minVersion=" + placed.version()).statusCode()).isEqualTo(200);

        long started = System.nanoTime();
        HttpResponse<String> answer = pipeline.get(port, "/readmodels/orders/rw-2?minVersion=7");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).contains("1");
        JsonNode problem = json(answer);
        assertThat(problem.get("version").asLong()).isEqualTo(1);
        assertThat(problem.get("minVersion").asLong()).isEqualTo(7);
        assertThat(problem.get("detail").asText()).contains("version 1");
        assertThat(waited).isBetween(MIN_VERSION_WAIT, MIN_VERSION_WAIT.plusSeconds(5));
        assertThat(pipeline.get(port, "/readmodels/customers/dave?minVersion=1").statusCode())
                .as("customer stats reflect many orders: no one version to wait for").isEqualTo(400);
    }

    @Test
    void a_list_pages_through_every_key_in_order_with_nothing_missing() throws Exception {
        List<String> skus = IntStream.range(0, 12).mapToObj(i -> String.format("page-%02d", i)).toList();
        for (String sku : skus) {
            pipeline.send(pipeline.inventory(), "add-" + sku, sku, new AddStock(sku, 3));
        }
        await(Duration.ofSeconds(30), "every sku in the stock read model",
                () -> pipeline.get(port, "/readmodels/stock/page-11?minVersion=1").statusCode() == 200, () -> "");

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = json(pipeline.get(port, "/readmodels/stock?limit=5" + (next == null ? "" : "&after=" + next)));
            assertThat(page.get("partial").asBoolean()).isFalse();
            assertThat(page.get("missingPartitions")).isEmpty();
            page.get("items").forEach(item -> seen.add(item.get("sku").asText()));
            pageSizes.add(page.get("items").size());
            next = page.get("next").isNull() ? null : page.get("next").asText();
        } while (next != null && pageSizes.size() < 10);

        assertThat(seen).as("every key once, in key order").doesNotHaveDuplicates().isSortedAccordingTo(String::compareTo);
        assertThat(seen.stream().filter(skus::contains).toList()).isEqualTo(skus);
        assertThat(pageSizes.subList(0, pageSizes.size() - 1)).as("full pages until the last").containsOnly(5);
        assertThat(pageSizes.size()).isLessThan(10);
    }

    @Test
    void the_status_shows_every_projection_running_and_caught_up_and_the_lag_is_a_metric() throws Exception {
        await(Duration.ofSeconds(30), "every projection caught up", () -> {
            JsonNode projections = json(pipeline.get(port, "/projections/status")).get("projections");
            boolean all = projections.size() == 5;
            for (JsonNode p : projections) {
                all &= p.get("state").asText().equals("RUNNING") && p.get("lagRecords").asLong() == 0
                        && p.get("lagSeconds").asDouble() == 0.0;
            }
            return all;
        }, () -> status());
        JsonNode projections = json(pipeline.get(port, "/projections/status")).get("projections");
        assertThat(projections).extracting(p -> p.get("projection").asText())
                .containsExactly("account-balances", "customer-stats", "daily-sales", "order-summary", "stock-levels");
        assertThat(projections.get(3).get("applicationId").asText()).isEqualTo("rm-svc-projections-order-summary-v1");
        String metrics = pipeline.get(port, "/metrics").body();
        assertThat(metrics).contains("eventline_projection_lag_records{application=\"rm-svc-projections-order-summary-v1\"");
        assertThat(metrics).contains("eventline_projection_lag_seconds");
    }

    @Test
    void every_aggregate_read_model_equals_the_fold_of_the_committed_events_and_a_difference_is_reported() throws Exception {
        pipeline.send(pipeline.accounts(), "fold-open", "fold-erin", new OpenAccount("fold-erin", "EUR"));
        pipeline.send(pipeline.accounts(), "fold-deposit", "fold-erin", new DepositMoney("fold-erin", 700));
        pipeline.send(pipeline.inventory(), "fold-add", "fold-sku", new AddStock("fold-sku", 9));
        pipeline.send(pipeline.orders(), "fold-place", "fold-order", new PlaceOrder("fold-order", "fold-erin", LINES, "EUR"));
        List<AggregateView<?, ?>> views = List.of(AccountBalanceModule.VIEW, StockLevelModule.VIEW, OrderSummaryModule.VIEW);
        for (AggregateView<?, ?> view : views) {
            String applicationId = "rm-svc-projections-" + view.name() + "-v1";
            await(Duration.ofSeconds(30), view.name() + " equal to the fold of the events", () -> ReadModelFoldCheck.differences(
                    pipeline.kafka.clientConfig(), pipeline.topics, pipeline.registry, view, applicationId, Duration.ofSeconds(30))
                    .isEmpty(), () -> String.join("\n", ReadModelFoldCheck.differences(pipeline.kafka.clientConfig(), pipeline.topics,
                    pipeline.registry, view, applicationId, Duration.ofSeconds(30))));
        }

        // A value no event accounts for, written where the store's changelog is: the check must say so.
        String changelog = "rm-svc-projections-" + AccountBalanceModule.VIEW.name() + "-v1-" + AccountBalanceModule.VIEW.name()
                + "-changelog";
        Map<String, Object> config = new HashMap<>(pipeline.kafka.clientConfig());
        try (var producer = new KafkaProducer<>(config,
                new StringSerializer(),
                AvroSerde.forValues(AccountBalanceModule.VIEW.storedType(), pipeline.registry).serializer())) {
            var ghost = AccountBalanceModule.VIEW.fold().initial("fold-ghost");
            producer.send(new ProducerRecord<>(changelog, "fold-ghost", ghost)).get();
        }
        assertThat(ReadModelFoldCheck.differences(pipeline.kafka.clientConfig(), pipeline.topics, pipeline.registry,
                AccountBalanceModule.VIEW, "rm-svc-projections-account-balances-v1", Duration.ofSeconds(30)))
                .singleElement().asString().startsWith("account fold-ghost: in account-balances with no committed event");
    }

    @Test
    void a_read_model_rebuilt_from_the_event_topics_equals_the_live_one() throws Exception {
        pipeline.send(pipeline.orders(), "rb-a-place", "rb-a", new PlaceOrder("rb-a", "erin", LINES, "EUR"));
        pipeline.send(pipeline.orders(), "rb-a-confirm", "rb-a", new ConfirmOrder("rb-a"));
        pipeline.send(pipeline.orders(), "rb-b-place", "rb-b", new PlaceOrder("rb-b", "erin", LINES, "USD"));
        pipeline.send(pipeline.orders(), "rb-b-confirm", "rb-b", new ConfirmOrder("rb-b"));
        pipeline.send(pipeline.orders(), "rb-b-cancel", "rb-b", new CancelOrder("rb-b", "changed my mind"));
        pipeline.send(pipeline.orders(), "rb-c-place", "rb-c", new PlaceOrder("rb-c", "frank", LINES, "EUR"));
        await(Duration.ofSeconds(30), "the live customer stats reflect every order", () -> {
            HttpResponse<String> erin = pipeline.get(port, "/readmodels/customers/erin");
            return erin.statusCode() == 200 && json(erin).get("ordersCancelled").asLong() == 1
                    && pipeline.get(port, "/readmodels/customers/frank").statusCode() == 200
                    && lagOf("customer-stats") == 0;
        }, this::status);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ProjectionRebuild.Result result = new ProjectionRebuild(settings, pipeline.registry,
                new PrintStream(printed, true, StandardCharsets.UTF_8))
                .rebuild(new CustomerStatsModule(), ProjectionRebuild.Mode.FRESH, Duration.ofSeconds(60));

        var values = AvroSerde.forValues(StoredCustomerStats.class, pipeline.registry).deserializer();
        Map<String, StoredCustomerStats> live = Changelogs.latest(pipeline.kafka.clientConfig(),
                Changelogs.topic("rm-svc-projections-customer-stats-v1", CustomerStatsTopology.STORE), values);
        Map<String, StoredCustomerStats> rebuilt = Changelogs.latest(pipeline.kafka.clientConfig(),
                Changelogs.topic(result.applicationId(), CustomerStatsTopology.STORE), values);
        assertThat(result.applicationId()).isEqualTo("rm-svc-projections-customer-stats-v1-rebuild-1");
        assertThat(live).containsKeys("erin", "frank");
        assertThat(rebuilt).isEqualTo(live);
        assertThat(live.get("erin").getTotalSpent()).isEqualTo(Map.of("EUR", 2500L, "USD", 0L));
        assertThat(result.events()).isGreaterThanOrEqualTo(6);
        assertThat(result.eventsPerSecond()).isPositive();
        // The replay alone is a part of the whole, which also holds the application's start.
        assertThat(result.replaying()).isPositive().isLessThan(result.took());
        assertThat(result.replayEventsPerSecond()).isGreaterThan(result.eventsPerSecond());
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("100%").contains("events/s")
                .contains("rebuilt customer-stats into " + result.applicationId());
    }

    @Test
    void a_reset_starts_the_read_model_over_from_the_first_event_and_reaches_the_same_state() throws Exception {
        for (String sku : List.of("reset-1", "reset-2", "reset-3")) {
            pipeline.send(pipeline.inventory(), "reset-add-" + sku, sku, new AddStock(sku, 4));
        }
        // An application no instance runs, so that it may be reset.
        ServiceSettings offline = pipeline.settings("rm-svc-offline", Map.of())
                .withInstance(0, Files.createTempDirectory("read-model-reset"));
        ProjectionRebuild rebuild = new ProjectionRebuild(offline, pipeline.registry, new PrintStream(new ByteArrayOutputStream()));
        var values = AvroSerde.forValues(StoredStockLevel.class, pipeline.registry).deserializer();
        String changelog = Changelogs.topic("rm-svc-offline-stock-levels-v1", StockLevelModule.STORE);

        ProjectionRebuild.Result first = rebuild.rebuild(new StockLevelModule(), ProjectionRebuild.Mode.RESET, Duration.ofSeconds(60));
        Map<String, StoredStockLevel> built = Changelogs.latest(pipeline.kafka.clientConfig(), changelog, values);
        ProjectionRebuild.Result again = rebuild.rebuild(new StockLevelModule(), ProjectionRebuild.Mode.RESET, Duration.ofSeconds(60));

        assertThat(first.applicationId()).isEqualTo("rm-svc-offline-stock-levels-v1");
        assertThat(again.events()).as("every event read again, not resumed from committed offsets")
                .isEqualTo(first.events()).isGreaterThanOrEqualTo(3);
        assertThat(again.changes()).as("applied again onto empty stores, not skipped as replays")
                .isEqualTo(first.changes()).isEqualTo(first.events());
        assertThat(Changelogs.latest(pipeline.kafka.clientConfig(), changelog, values)).isEqualTo(built).containsKeys("reset-1", "reset-3");
    }

    @Test
    void a_reset_of_a_read_model_that_is_running_is_refused() throws Exception {
        ProjectionRebuild rebuild = new ProjectionRebuild(settings, pipeline.registry,
                new PrintStream(new ByteArrayOutputStream()), Duration.ofSeconds(1));

        assertThatThrownBy(() -> rebuild.rebuild(new OrderSummaryModule(), ProjectionRebuild.Mode.RESET, Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stop every instance");
        assertThat(json(pipeline.get(port, "/projections/status")).get("projections"))
                .filteredOn(p -> p.get("projection").asText().equals("order-summary"))
                .allSatisfy(p -> assertThat(p.get("state").asText()).isEqualTo("RUNNING")).hasSize(1);
    }

    private long lagOf(String projection) throws Exception {
        for (JsonNode p : json(pipeline.get(port, "/projections/status")).get("projections")) {
            if (p.get("projection").asText().equals(projection)) {
                return p.get("lagRecords").asLong();
            }
        }
        return -1;
    }

    private String status() {
        try {
            return pipeline.get(port, "/projections/status").body();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
