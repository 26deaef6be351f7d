package io.eventline.command.app;

import io.eventline.contracts.CommittedRecords;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.EventEnvelope;
import io.eventline.client.EventlineClient;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.account.AccountState;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.inventory.InventoryState;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.config.ServiceSettings;
import io.eventline.kafka.embedded.ChildJvm;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What only a broker shows: several processes sharing partitions, a crash mid-stream, racing writers. */
@ExtendWith(KafkaExtension.class)
class CommandServiceClusterTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @TempDir
    Path stateRoot;

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    @Test
    void two_instances_in_separate_jvms_share_the_partitions_and_process_each_command_once(KafkaTestCluster kafka) throws Exception {
        Pipeline p = new Pipeline(kafka, "shared");
        int a = p.startInstance("a");
        int b = p.startInstance("b");
        p.awaitReady(a);
        p.awaitReady(b);

        List<CompletableFuture<CommandOutcome>> sent = new ArrayList<>();
        for (int round = 1; round <= 5; round++) {
            for (int sku = 0; sku < 40; sku++) {
                sent.add(p.addStock("sku-" + sku, round, "shared-" + sku + "-" + round));
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        assertThat(sent).allSatisfy(f -> assertThat(f.join().accepted()).isTrue());

        p.verifyExactlyOnce(200, 40, 5);
        Set<String> servedBy = new HashSet<>();
        for (int sku = 0; sku < 40; sku++) {
            HttpResponse<String> answer = p.get(a, "/aggregates/inventory/sku-" + sku);
            assertThat(answer.statusCode()).isEqualTo(200);
            servedBy.add(answer.headers().firstValue("Eventline-Served-By").orElseThrow());
        }
        assertThat(servedBy).as("both instances own some partitions").hasSize(2);
    }

    @Test
    void a_killed_instance_loses_nothing_and_duplicates_nothing(KafkaTestCluster kafka) throws Exception {
        Pipeline p = new Pipeline(kafka, "killed");
        int a = p.startInstance("a");
        int b = p.startInstance("b");
        p.awaitReady(a);
        p.awaitReady(b);

        int skus = 60;
        int rounds = 6;
        for (int round = 1; round <= rounds; round++) {
            for (int sku = 0; sku < skus; sku++) {
                p.publishAddStock("sku-" + sku, round, "killed-" + sku + "-" + round);
            }
            p.gateway.flush();
            if (round == 2) {
                p.instances.get("a").kill();
                p.startInstance("a", a);
            }
            Thread.sleep(300);
        }
        p.verifyExactlyOnce(skus * rounds, skus, rounds);
        p.awaitReady(a);
        for (int sku = 0; sku < skus; sku++) {
            JsonNode state = JSON.readTree(p.get(b, "/aggregates/inventory/sku-" + sku).body());
            assertThat(state.get("version").asLong()).isEqualTo(rounds);
            assertThat(state.get("state").get("onHand").asLong()).isEqualTo(rounds * (rounds + 1) / 2);
        }
    }

    @Test
    void while_an_instance_joins_and_restores_no_query_says_an_existing_aggregate_does_not_exist(KafkaTestCluster kafka)
            throws Exception {
        Pipeline p = new Pipeline(kafka, "joining");
        int a = p.startInstance("a");
        p.awaitReady(a);
        int skus = 40;
        for (int round = 1; round <= 25; round++) {
            for (int sku = 0; sku < skus; sku++) {
                p.publishAddStock("sku-" + sku, 1, "joining-" + sku + "-" + round);
            }
        }
        p.gateway.flush();
        p.verifyExactlyOnce(skus * 25, skus, 25);

        // The joining instance gets standbys and then active tasks, restoring each: a store that has
        // read only part of its topic is within the stale lag (a count of records) from the start.
        int b = p.startInstance("b");
        Map<String, Integer> answers = new java.util.TreeMap<>();
        long readyAt = Long.MAX_VALUE;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        // Until b has been ready for 5 s: the tasks it restored move to it after its standbys catch up.
        while (System.nanoTime() < deadline
                && (readyAt == Long.MAX_VALUE || System.nanoTime() - readyAt < Duration.ofSeconds(5).toNanos())) {
            for (int sku = 0; sku < skus; sku++) {
                for (int port : List.of(a, b)) {
                    try {
                        HttpResponse<String> answer = p.get(port, "/aggregates/inventory/sku-" + sku);
                        String seen = answer.statusCode() + (answer.statusCode() == 404 ? " " + answer.body() : "");
                        answers.merge(answer.statusCode() == 404 ? seen : String.valueOf(answer.statusCode()), 1, Integer::sum);
                    } catch (java.io.IOException notListeningYet) {
                        answers.merge("not listening", 1, Integer::sum);
                    }
                }
            }
            if (readyAt == Long.MAX_VALUE) {
                try {
                    if (p.get(b, "/health/ready").statusCode() == 200) {
                        readyAt = System.nanoTime();
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
            }
        }
        assertThat(readyAt).as("instance b became ready; answers: %s", answers).isNotEqualTo(Long.MAX_VALUE);
        assertThat(answers.keySet()).as("every aggregate exists: found, or not available for now, never not found")
                .isSubsetOf("200", "503", "not listening").contains("200");
    }

    @Test
    void of_concurrent_commands_expecting_the_same_version_exactly_one_is_accepted(KafkaTestCluster kafka) throws Exception {
        Pipeline p = new Pipeline(kafka, "racing");
        int a = p.startInstance("a");
        p.awaitReady(a);
        AggregateType<AccountCommand, AccountState, AccountEvent> accounts = Aggregates.account(p.registry);
        assertThat(p.send(accounts, "open", "alice", null, new AccountCommand.OpenAccount("alice", "EUR")).join().version())
                .isEqualTo(1);

        List<CompletableFuture<CommandOutcome>> racing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racing.add(p.send(accounts, "deposit-" + i, "alice", 1L, new AccountCommand.DepositMoney("alice", 100 + i)));
        }
        List<CommandOutcome> outcomes = racing.stream().map(CompletableFuture::join).toList();

        assertThat(outcomes).filteredOn(CommandOutcome::accepted).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.accepted())
                .hasSize(7)
                .allSatisfy(o -> assertThat(o.rejection().orElseThrow().code()).isEqualTo("CONCURRENCY_CONFLICT"));
    }

    /** One pipeline under test: its own topic prefix and application id on the shared broker. */
    private final class Pipeline {
        final KafkaTestCluster kafka;
        final String prefix;
        final Topics topics;
        final SchemaRegistry registry;
        final AvroOutcomeCodec outcomes;
        final EventlineClient gateway;
        final AggregateType<InventoryCommand, InventoryState, InventoryEvent> inventory;
        final Map<String, ChildJvm> instances = new HashMap<>();

        Pipeline(KafkaTestCluster kafka, String prefix) {
            this.kafka = kafka;
            this.prefix = prefix;
            this.topics = Topics.defaults().withPrefix(prefix);
            ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of("EVENTLINE_TOPIC_PREFIX", prefix),
                    "unused", 0).withBootstrapServers(kafka.bootstrapServers());
            this.registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
            cleanup.add(registry);
            this.outcomes = new AvroOutcomeCodec(registry);
            this.inventory = Aggregates.inventory(registry);
            try (var admin = org.apache.kafka.clients.admin.Admin.create(kafka.clientConfig())) {
                new io.eventline.schemas.topics.TopicProvisioner(admin).provision(topics.all());
            }
            this.gateway = new EventlineClient(kafka.clientConfig(), topics, outcomes);
            cleanup.add(gateway);
        }

        int startInstance(String name) throws Exception {
            return startInstance(name, freePort());
        }

        int startInstance(String name, int port) throws Exception {
            Map<String, String> env = Map.of(
                    "EVENTLINE_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "EVENTLINE_TOPIC_PREFIX", prefix,
                    "EVENTLINE_APPLICATION_ID", "it-" + prefix,
                    "EVENTLINE_HTTP_PORT", String.valueOf(port),
                    "EVENTLINE_INSECURE", "true",
                    "EVENTLINE_STATE_DIR", Files.createDirectories(stateRoot.resolve(name)).toString());
            ChildJvm process = ChildJvm.start(CommandServiceMain.class.getSimpleName(), CommandServiceMain.class, env, List.of());
            instances.put(name, process);
            cleanup.add(process);
            return port;
        }

        void awaitReady(int port) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (get(port, "/health/ready").statusCode() == 200) {
                        return;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            throw new AssertionError("instance on port " + port + " not ready; outputs:\n"
                    + instances.values().stream().map(ChildJvm::output).collect(Collectors.joining("\n----\n")));
        }

        HttpResponse<String> get(int port, String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }

        CompletableFuture<CommandOutcome> addStock(String sku, int quantity, String commandId) {
            return send(inventory, commandId, sku, null, new InventoryCommand.AddStock(sku, quantity));
        }

        void publishAddStock(String sku, int quantity, String commandId) {
            gateway.publish(inventory, new CommandEnvelope<>(meta(commandId, sku, null), new InventoryCommand.AddStock(sku, quantity)));
        }

        <C> CompletableFuture<CommandOutcome> send(AggregateType<C, ?, ?> type, String commandId, String id, Long expected, C command) {
            return gateway.send(type, new CommandEnvelope<>(meta(commandId, id, expected), command), Duration.ofSeconds(60));
        }

        private CommandMetadata meta(String commandId, String id, Long expected) {
            return new CommandMetadata(prefix + "-" + commandId, id,
                    expected == null ? OptionalLong.empty() : OptionalLong.of(expected),
                    Instant.now(), "it", Optional.empty(), "test");
        }

        /** Exactly one committed result per command; per aggregate, versions 1..n with no gap; no open transaction. */
        void verifyExactlyOnce(int commands, int aggregates, int versionsEach) throws Exception {
            Map<String, Integer> resultsPerCommand = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (resultsPerCommand.size() < commands && System.nanoTime() < deadline) {
                resultsPerCommand.clear();
                for (ConsumerRecord<byte[], byte[]> r : CommittedRecords.readToEnd(kafka.clientConfig(), topics.commandResults(), READ_TIMEOUT)) {
                    resultsPerCommand.merge(outcomes.decodeOutcome(r.topic(), r.value()).commandId(), 1, Integer::sum);
                }
                Thread.sleep(500);
            }
            assertThat(resultsPerCommand).hasSize(commands);
            assertThat(resultsPerCommand.values()).as("results per command").containsOnly(1);

            Map<String, List<Long>> versions = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : CommittedRecords.readToEnd(kafka.clientConfig(), topics.events("inventory"), READ_TIMEOUT)) {
                EventEnvelope<InventoryEvent> event = inventory.codec().decodeEvent(r.topic(), new RecordHeaders(), r.value());
                versions.computeIfAbsent(event.metadata().aggregateId(), k -> new ArrayList<>()).add(event.metadata().version());
            }
            List<Long> expected = java.util.stream.LongStream.rangeClosed(1, versionsEach).boxed().toList();
            assertThat(versions).hasSize(aggregates);
            assertThat(versions.values()).allSatisfy(v -> assertThat(v).isEqualTo(expected));
            assertThat(CommittedRecords.noOpenTransactions(kafka.clientConfig(), topics.events("inventory"), READ_TIMEOUT)).isTrue();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
