package io.eventline.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventline.command.app.CommandService;
import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.DeadLetters;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderLine;
import io.eventline.projection.app.ProjectionService;
import io.eventline.projection.console.ConsoleSettings;
import io.eventline.projection.readmodel.account.AccountBalanceModule;
import io.eventline.projection.readmodel.order.OrderSummaryModule;
import io.eventline.projection.readmodel.stock.StockLevelModule;
import io.eventline.projection.saga.OrderFulfilmentModule;
import io.eventline.projection.saga.SagaSettings;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.config.ServiceSettings;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator console in headless Chromium, against a real pipeline: a command service and a
 * projection service (the saga and three read models) on a real broker, with a bearer token, one
 * browser for every scenario. Screenshots go to target/console-screenshots (docs/console.md shows them).
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final String TOKEN = "console-e2e-token";
    static final String PREFIX = "console";
    static final Duration SETTLE = Duration.ofSeconds(60);
    static final List<String> ORDERS_ON_EVERY_PARTITION = List.of("q-1", "p-0", "p-5");

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    Topics topics;
    SchemaRegistry registry;
    CommandService commands;
    ProjectionService projections;
    ProjectionService secondSagaInstance;
    Browser browser;

    @BeforeAll
    void start(KafkaTestCluster kafka, @TempDir Path stateDir) throws Exception {
        Browser.requireInstalled(); // before a pipeline is started for nothing
        topics = Topics.defaults().withPrefix(PREFIX).withPartitions(3);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicProvisioner(admin).provision(topics.all());
        }
        Map<String, String> env = Map.of("EVENTLINE_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "EVENTLINE_TOPIC_PREFIX", PREFIX, "EVENTLINE_PARTITIONS", "3", "EVENTLINE_STANDBY_REPLICAS", "0",
                "EVENTLINE_HTTP_HOST", "127.0.0.1", "EVENTLINE_HTTP_TOKEN", TOKEN);
        ServiceSettings commandSettings = ServiceSettings.fromEnvironment(env, PREFIX + "-commands", 0)
                .withInstance(0, Files.createDirectories(stateDir.resolve("commands")));
        // Instances forward to each other at their advertised port: a real one each, not 0.
        ServiceSettings projectionSettings = ServiceSettings.fromEnvironment(env, PREFIX + "-projections", 0)
                .withInstance(freePort(), Files.createDirectories(stateDir.resolve("projections")));
        registry = SchemaRegistries.fromConfig(commandSettings.schemaRegistryConfig());
        commands = CommandService.start(commandSettings, registry);
        // A deadline far beyond the test: the saga must complete its orders, not time them out.
        projections = ProjectionService.start(projectionSettings, registry, List.of(
                        new OrderFulfilmentModule(SagaSettings.defaults().withDeadline(Duration.ofMinutes(5))),
                        new OrderSummaryModule(), new StockLevelModule(), new AccountBalanceModule()),
                ConsoleSettings.of("http://127.0.0.1:" + commands.httpPort()));
        // A second instance of the saga and of stock-levels: lists and the read models' status are
        // gathered from both, and either answers.
        secondSagaInstance = ProjectionService.start(projectionSettings.withInstance(freePort(),
                        Files.createDirectories(stateDir.resolve("projections-2"))), registry,
                List.of(new OrderFulfilmentModule(SagaSettings.defaults().withDeadline(Duration.ofMinutes(5))),
                        new StockLevelModule()),
                ConsoleSettings.of("http://127.0.0.1:" + commands.httpPort()));
        assertThat(commands.streams().awaitRunning(SETTLE)).isTrue();
        assertThat(projections.streams().awaitRunning(SETTLE)).isTrue();
        assertThat(secondSagaInstance.streams().awaitRunning(SETTLE)).isTrue();

        send(Aggregates.account(registry), "alice", new AccountCommand.OpenAccount("alice", "EUR"));
        send(Aggregates.account(registry), "alice", new AccountCommand.DepositMoney("alice", 1_000_000));
        send(Aggregates.inventory(registry), "SKU-1", new InventoryCommand.AddStock("SKU-1", 100));
        send(Aggregates.order(registry), "o-1", new OrderCommand.PlaceOrder("o-1", "alice",
                List.of(new OrderLine("SKU-1", 1, 990)), "EUR"));
        // One more order on each partition, so that each saga instance holds completed sagas.
        for (String orderId : ORDERS_ON_EVERY_PARTITION) {
            send(Aggregates.order(registry), orderId, new OrderCommand.PlaceOrder(orderId, "alice",
                    List.of(new OrderLine("SKU-1", 1, 100)), "EUR"));
        }

        browser = Browser.start("http://127.0.0.1:" + projections.httpPort());
        browser.open("/console");
        browser.find("#token").sendKeys(TOKEN);
        browser.find("#token-save").click();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable running : new AutoCloseable[] {browser, secondSagaInstance, projections, commands, registry}) {
            if (running != null) {
                running.close();
            }
        }
    }

    @Test
    @Order(1)
    void opens_an_aggregate_from_its_deep_link_and_slides_to_version_1() throws Exception {
        // The saga moves o-1 on (confirmed, shipped): wait until it has, so that version 1 is a step back.
        JsonNode latest = commandService("/aggregates/order/o-1?minVersion=3");
        browser.open("/console/aggregates/order/o-1");
        browser.until("the timeline to show every event of o-1", d -> d.findElements(By.cssSelector("#timeline li[data-version]")).size()
                >= latest.path("version").asInt());
        String newest = String.valueOf(browser.driver.findElements(By.cssSelector("#timeline li[data-version]")).size());
        browser.until("the state at the newest version, " + newest, d -> newest.equals(browser.text("#state-version")));

        WebElement slider = browser.find("#version-slider");
        slider.sendKeys(Keys.HOME);
        browser.until("the state at version 1", d -> "1".equals(browser.text("#state-version")));

        JsonNode shown = json.readTree(browser.text("#state"));
        JsonNode version1 = commandService("/aggregates/order/o-1?version=1");
        assertThat(shown).isEqualTo(version1.path("state"));
        assertThat(browser.text("#state-type")).isEqualTo(version1.path("stateType").asText());
        assertThat(browser.text("#diff")).contains("+ stateType = \"Placed\"", "+ state.order.orderId = \"o-1\"");
        assertThat(browser.find("#timeline li[data-version='1']").getAttribute("class")).contains("current");
        assertThat(browser.find("#timeline li[data-version='2']").getAttribute("class")).contains("future");
        browser.screenshot("aggregate");

        // What changed between version 1 and the newest: at least the state's type.
        browser.find("#compare-from").sendKeys(newest);
        browser.until("the diff against version " + newest, d -> browser.text("#compare-label").equals("version " + newest));
        assertThat(browser.text("#diff")).contains("~ stateType: \""
                + commandService("/aggregates/order/o-1?version=" + newest).path("stateType").asText() + "\" → \"Placed\"");
    }

    @Test
    @Order(2)
    void sends_a_command_from_the_form_and_sees_its_event_appear_in_the_timeline() {
        browser.open("/console/commands");
        new Select(browser.find("#cmd-aggregate")).selectByValue("order");
        browser.find("#cmd-id").sendKeys("o-2");
        // First a command a rule refuses (o-2 is not placed yet): the form shows the rejection code.
        new Select(browser.find("#cmd-type")).selectByValue("ShipOrder");
        browser.find("#cmd-send").click();
        browser.until("the rejection", d -> browser.find("#cmd-outcome").getAttribute("class").contains("outcome-rejected"));
        assertThat(browser.text("#cmd-code")).matches("[A-Z_]+");

        new Select(browser.find("#cmd-type")).selectByValue("PlaceOrder");
        browser.find("#cmd-fields input[data-field='customerId']").sendKeys("alice");
        browser.find("#cmd-fields input[data-field='sku']").sendKeys("SKU-1");
        browser.find("#cmd-fields input[data-field='quantity']").sendKeys("2");
        browser.find("#cmd-fields input[data-field='unitPrice']").sendKeys("1250");
        browser.find("#cmd-fields input[data-field='currency']").sendKeys("EUR");
        browser.find("#cmd-send").click();
        browser.until("the command's outcome", d -> browser.text("#cmd-outcome").contains("ACCEPTED"));
        assertThat(browser.text("#cmd-version")).isEqualTo("1");
        browser.screenshot("command");

        browser.find("#cmd-open").click();
        WebElement placed = browser.find("#timeline li[data-version='1']");
        assertThat(placed.getAttribute("data-event-type")).isEqualTo("OrderPlaced");
        assertThat(placed.getText()).contains("by token");
    }

    @Test
    @Order(3)
    void watches_a_saga_finish() {
        browser.open("/console/sagas/o-2");
        browser.until("the saga of o-2 to complete", SETTLE, d -> "COMPLETED".equals(browser.text("#saga-status")));
        assertThat(browser.text("#saga-steps")).contains("RESERVE_STOCK", "CHARGE_PAYMENT", "CONFIRM_ORDER", "SHIP_ORDER");
        browser.screenshot("saga");

        browser.open("/console/sagas?status=COMPLETED");
        browser.find("#saga-list tr[data-order='o-2']");
        new Select(browser.find("#saga-filter")).selectByValue("STUCK");
        browser.until("the stuck sagas, of which there is none", d -> browser.text("#saga-note").startsWith("None."));
    }

    @Test
    @Order(4)
    void replays_a_dead_letter_and_its_command_is_processed() throws Exception {
        deadLetter(Aggregates.account(registry), "bob", new AccountCommand.OpenAccount("bob", "EUR"));
        browser.open("/console/dead-letters/account");
        WebElement row = browser.until("bob's dead letter", d -> d.findElements(By.cssSelector("#dlq-list tr.dead-letter")).stream()
                .filter(r -> r.getText().contains("OpenAccount") && r.getText().contains("bob")).findFirst().orElse(null));
        assertThat(row.getText()).contains("HANDLER_FAILED", "a bug, since fixed");
        String place = row.getAttribute("data-place");
        row.findElement(By.cssSelector("button.replay")).click();
        browser.until("the dead letter marked replayed", d -> browser.find("#dlq-list tr[data-place='" + place + "'] .replay-status")
                .getText().contains("replayed to " + topics.commands("account")));
        browser.screenshot("dead-letters");

        assertThat(commandService("/aggregates/account/bob?minVersion=1").path("stateType").asText()).isEqualTo("Open");
        browser.open("/console/aggregates/account/bob");
        assertThat(browser.find("#timeline li[data-version='1']").getAttribute("data-event-type")).isEqualTo("AccountOpened");
        browser.open("/console/dead-letters/account");
        browser.until("the replay remembered for this session", d -> browser.find("#dlq-list tr[data-place='" + place + "']")
                .getAttribute("class").contains("replayed"));
    }

    @Test
    @Order(5)
    void shows_the_read_models_lag_their_rebuilds_and_the_traffic_by_outcome() throws Exception {
        // A FRESH rebuild of order-summary, as far as its group committed: all of partition 0, none of the others.
        String rebuild = PREFIX + "-projections-order-summary-v1-rebuild-1";
        long done = commitEndOfPartition0(rebuild, topics.events("order"));
        browser.open("/console/read-models");
        browser.until("the rebuild's progress", d -> browser.text("#rebuilds tr[data-application='" + rebuild + "'] .progress")
                .startsWith(done + " of "));
        JsonNode rebuilds = projectionService(projections.httpPort(), "/projections/rebuilds", 200).path("rebuilds");
        assertThat(rebuilds.findValuesAsText("of")).containsExactly(PREFIX + "-projections-order-summary-v1");
        assertThat(rebuilds.get(0).path("members").asInt()).as("no instance of it runs").isZero();
        assertThat(rebuilds.get(0).path("recordsTotal").asLong()).isGreaterThan(done);
        browser.until("the read models, caught up", d -> browser.text("#projections tr[data-projection='order-summary']").contains("RUNNING"));
        browser.until("stock-levels counted on both its instances",
                d -> browser.text("#projections tr[data-projection='stock-levels'] .instances").equals("2"));
        JsonNode stockLevels = projectionService(projections.httpPort(), "/projections/status", 200).path("projections")
                .findParents("projection").stream().filter(p -> p.path("projection").asText().equals("stock-levels"))
                .findFirst().orElseThrow();
        assertThat(stockLevels.path("instances").findValuesAsText("instance")).as("the instance asked and the other")
                .map(instance -> instance.substring(instance.lastIndexOf(':') + 1))
                .containsExactlyInAnyOrder(String.valueOf(projections.httpPort()), String.valueOf(secondSagaInstance.httpPort()));
        long appliedByEach = 0;
        for (JsonNode instance : stockLevels.path("instances")) {
            appliedByEach += instance.path("changesApplied").asLong();
        }
        assertThat(stockLevels.path("changesApplied").asLong()).as("each counts its own partitions: the sum is the whole")
                .isEqualTo(appliedByEach).isPositive();
        browser.until("a lag chart with a line", d -> !d.findElements(By.cssSelector("#lag-records polyline")).isEmpty());
        browser.screenshot("read-models");

        browser.open("/console/traffic");
        browser.until("two samples of the command counters", d -> !d.findElements(By.cssSelector("#traffic-chart polyline")).isEmpty());
        assertThat(browser.text("#traffic-totals")).contains("order accepted", "order rejected ORDER_");
        // A burst of deposits: the accepted line rises above one command a second.
        List<CompletableFuture<CommandOutcome>> burst = IntStream.range(0, 60).mapToObj(i -> commands.gateway()
                .send(Aggregates.account(registry), envelope("alice", new AccountCommand.DepositMoney("alice", 100)),
                        Duration.ofSeconds(30))).toList();
        burst.forEach(CompletableFuture::join);
        browser.until("the burst on the chart", d -> Double.parseDouble(browser.find("#traffic-chart").getAttribute("data-max")) > 1);
        browser.screenshot("traffic");
    }

    @Test
    @Order(6)
    void lists_sagas_by_status_gathered_across_instances_and_refuses_an_unknown_status() throws Exception {
        assertThat(ORDERS_ON_EVERY_PARTITION.stream().map(id -> partition(id)).distinct().count())
                .as("the orders cover every partition").isEqualTo(topics.partitions());
        for (String orderId : ORDERS_ON_EVERY_PARTITION) {
            awaitSaga(orderId, "COMPLETED");
        }
        for (int port : List.of(projections.httpPort(), secondSagaInstance.httpPort())) {
            JsonNode completed = projectionService(port, "/sagas/order-fulfilment?status=COMPLETED", 200);
            assertThat(completed.path("items").findValuesAsText("orderId")).as("from every instance, asked at %d", port)
                    .contains("o-1", "o-2").containsAll(ORDERS_ON_EVERY_PARTITION);
            assertThat(completed.path("partial").asBoolean()).isFalse();
            assertThat(completed.path("items").findValuesAsText("status")).containsOnly("COMPLETED");
            JsonNode inFlight = projectionService(port, "/sagas/order-fulfilment?status=IN_FLIGHT", 200);
            assertThat(inFlight.path("items").findValuesAsText("orderId")).as("the filter applies on every instance")
                    .doesNotContainAnyElementsOf(ORDERS_ON_EVERY_PARTITION).doesNotContain("o-1", "o-2");
        }
        assertThat(projectionService(projections.httpPort(), "/sagas/order-fulfilment?status=SOMEWHERE", 400).path("detail").asText())
                .contains("IN_FLIGHT");
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Commits the end of partition 0 of {@code topic} for {@code group}, as a rebuild that got that far would; returns that offset. */
    private long commitEndOfPartition0(String group, String topic) {
        Map<String, Object> config = new java.util.HashMap<>(commands.streams().settings().clientConfig());
        config.put("group.id", group);
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(config,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var partition = new org.apache.kafka.common.TopicPartition(topic, 0);
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            consumer.commitSync(Map.of(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(end)));
            return end;
        }
    }

    private int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % topics.partitions();
    }

    private void awaitSaga(String orderId, String status) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = get("http://127.0.0.1:" + projections.httpPort() + "/sagas/order-fulfilment/" + orderId);
            last = answer.statusCode() + " " + answer.body();
            if (answer.statusCode() == 200 && json.readTree(answer.body()).path("status").asText().equals(status)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the saga of " + orderId + " is not " + status + " within " + SETTLE + ": " + last);
    }

    private <C> void send(AggregateType<C, ?, ?> type, String id, C command) {
        CommandOutcome outcome = commands.gateway().send(type, envelope(id, command), Duration.ofSeconds(30)).join();
        assertThat(outcome.accepted()).as("%s", outcome).isTrue();
    }

    private static <C> CommandEnvelope<C> envelope(String id, C command) {
        String commandId = "console-" + id + "-" + System.nanoTime();
        return new CommandEnvelope<>(new CommandMetadata(commandId, id, OptionalLong.empty(), Instant.now(), "corr-" + commandId,
                Optional.empty(), "seed"), command);
    }

    /**
     * A well-formed command in the dead-letter topic, as the command service writes one when a bug made
     * its handler fail (HANDLER_FAILED): after the fix, a replay processes it.
     */
    private <C> void deadLetter(AggregateType<C, ?, ?> type, String id, C command) throws Exception {
        String source = topics.commands(type.name());
        byte[] value = type.codec().encodeCommand(source, new RecordHeaders(), envelope(id, command));
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        int partition = partition(id);
        Headers why = DeadLetters.headers(new RecordHeaders(), DeadLetters.HANDLER_FAILED,
                new IllegalStateException("a bug, since fixed"), source, partition, 7, System.currentTimeMillis());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                commands.streams().settings().clientConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.deadLetters(type.name()), partition, key, value, why)).get();
        }
    }

    /** A GET on the command service, with the token; waits (bounded) while it answers 404 or 503. */
    private JsonNode commandService(String path) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            HttpResponse<String> answer = get("http://127.0.0.1:" + commands.httpPort() + path);
            if (answer.statusCode() == 200 || System.nanoTime() > deadline) {
                assertThat(answer.statusCode()).as("%s: %s", path, answer.body()).isEqualTo(200);
                return json.readTree(answer.body());
            }
            Thread.sleep(250);
        }
    }

    private JsonNode projectionService(int port, String path, int status) throws Exception {
        HttpResponse<String> answer = get("http://127.0.0.1:" + port + path);
        assertThat(answer.statusCode()).as("%s: %s", path, answer.body()).isEqualTo(status);
        return json.readTree(answer.body());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
