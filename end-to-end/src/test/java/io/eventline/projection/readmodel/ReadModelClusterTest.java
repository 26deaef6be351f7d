package io.eventline.projection.readmodel;

import static io.eventline.projection.readmodel.ReadModelPipeline.await;
import static io.eventline.projection.readmodel.ReadModelPipeline.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventline.domain.account.AccountCommand.DepositMoney;
import io.eventline.domain.account.AccountCommand.OpenAccount;
import io.eventline.domain.inventory.InventoryCommand.AddStock;
import io.eventline.projection.app.ProjectionServiceMain;
import io.eventline.kafka.embedded.ChildJvm;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two projection instances in separate JVMs sharing the partitions, one of them killed. */
@ExtendWith(KafkaExtension.class)
class ReadModelClusterTest {

    static final List<String> SKUS = IntStream.range(0, 16).mapToObj(i -> String.format("sku-%02d", i)).toList();
    static final List<String> CUSTOMERS = IntStream.range(0, 6).mapToObj(i -> "customer-" + i).toList();

    @TempDir
    Path stateRoot;
    ReadModelPipeline pipeline;
    final Map<Integer, ChildJvm> instances = new HashMap<>();

    @AfterEach
    void stop() throws Exception {
        instances.values().forEach(ChildJvm::close);
        pipeline.close();
    }

    @Test
    void every_key_is_answered_from_either_instance_and_still_answered_when_one_is_killed(KafkaTestCluster kafka) throws Exception {
        pipeline = new ReadModelPipeline(kafka, "rm-cluster", stateRoot);
        pipeline.httpToken = "cluster-token"; // forwarded queries and gathered lists must carry it between instances
        int a = startInstance("a");
        int b = startInstance("b");
        for (String sku : SKUS) {
            pipeline.send(pipeline.inventory(), "add-1-" + sku, sku, new AddStock(sku, 5));
        }
        for (String customer : CUSTOMERS) {
            pipeline.send(pipeline.accounts(), "open-" + customer, customer, new OpenAccount(customer, "EUR"));
            pipeline.send(pipeline.accounts(), "deposit-" + customer, customer, new DepositMoney(customer, 1_000));
        }
        awaitReady(a);
        awaitReady(b);

        Set<String> servedBy = new HashSet<>();
        for (String sku : SKUS) {
            JsonNode fromA = answer(a, "/readmodels/stock/" + sku + "?minVersion=1", servedBy);
            JsonNode fromB = answer(b, "/readmodels/stock/" + sku + "?minVersion=1", servedBy);
            assertThat(fromA).isEqualTo(fromB);
            assertThat(fromA.get("onHand").asLong()).isEqualTo(5);
        }
        for (String customer : CUSTOMERS) {
            JsonNode fromA = answer(a, "/readmodels/accounts/" + customer + "?minVersion=2", servedBy);
            assertThat(fromA).isEqualTo(answer(b, "/readmodels/accounts/" + customer + "?minVersion=2", servedBy));
            assertThat(fromA.get("balance").asLong()).isEqualTo(1_000);
        }
        assertThat(servedBy).as("both instances own partitions").hasSize(2);

        // A wait for a version not reached, sent to A for a key B owns: forwarded once, B waits and answers.
        String ownedByB = SKUS.stream().filter(sku -> servedBy(a, "/readmodels/stock/" + sku).equals("localhost:" + b))
                .findFirst().orElseThrow();
        long started = System.nanoTime();
        HttpResponse<String> notYet = pipeline.get(a, "/readmodels/stock/" + ownedByB + "?minVersion=99");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(notYet.statusCode()).as(notYet.body()).isEqualTo(503);
        assertThat(json(notYet).get("waitedOn").asText()).as("the owner did the waiting").isEqualTo("localhost:" + b);
        assertThat(json(notYet).get("version").asLong()).isEqualTo(1);
        assertThat(waited).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(9));
        assertThat(statusWithoutToken(a, "/readmodels/stock/" + SKUS.get(0))).as("no token, no answer").isEqualTo(401);
        JsonNode gathered = json(pipeline.get(a, "/readmodels/stock?limit=100"));
        assertThat(gathered.get("partial").asBoolean()).isFalse();
        assertThat(gathered.get("items")).extracting(i -> i.get("sku").asText()).containsExactlyElementsOf(SKUS);

        instances.get(b).kill();

        // B's partitions are still B's until its session times out: A answers them from its standbys, marked stale.
        List<HttpResponse<String>> rightAfter = new ArrayList<>();
        for (String sku : SKUS) {
            rightAfter.add(pipeline.get(a, "/readmodels/stock/" + sku));
        }
        assertThat(rightAfter).allSatisfy(r -> assertThat(r.statusCode() == 200
                || (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent())).isTrue());
        assertThat(rightAfter).filteredOn(r -> r.headers().firstValue("Eventline-Stale").isPresent())
                .as("answers from standbys").isNotEmpty()
                .allSatisfy(r -> assertThat(json(r).get("stale").asBoolean()).isTrue());
        JsonNode partial = json(pipeline.get(a, "/readmodels/stock?limit=100"));
        assertThat(partial.get("partial").asBoolean()).as("B cannot answer its part of a list").isTrue();
        assertThat(partial.get("unreachable")).extracting(JsonNode::asText).containsExactly("localhost:" + b);

        for (String sku : SKUS) {
            pipeline.send(pipeline.inventory(), "add-2-" + sku, sku, new AddStock(sku, 7));
        }
        for (String sku : SKUS) {
            await(Duration.ofSeconds(60), sku + " at version 2 on A", () -> {
                HttpResponse<String> r = pipeline.get(a, "/readmodels/stock/" + sku + "?minVersion=2");
                return r.statusCode() == 200 && json(r).get("onHand").asLong() == 12;
            }, () -> instances.get(a).output());
        }
        await(Duration.ofSeconds(60), "a complete list from A alone", () -> {
            JsonNode list = json(pipeline.get(a, "/readmodels/stock?limit=100"));
            return !list.get("partial").asBoolean() && list.get("items").size() == SKUS.size();
        }, () -> "");
        JsonNode converged = json(pipeline.get(a, "/readmodels/stock/sku-00"));
        assertThat(converged.get("version").asLong()).isEqualTo(2);
        assertThat(converged.get("stale").asBoolean()).isFalse();
    }

    private int startInstance(String name) throws Exception {
        int port = ReadModelPipeline.freePort();
        Map<String, String> env = new HashMap<>(pipeline.environment("rm-cluster-projections"));
        env.put("EVENTLINE_HTTP_PORT", String.valueOf(port));
        env.put("EVENTLINE_HTTP_TOKEN", pipeline.httpToken);
        env.put("EVENTLINE_STATE_DIR", Files.createDirectories(stateRoot.resolve(name)).toString());
        instances.put(port, ChildJvm.start(ProjectionServiceMain.class.getSimpleName(), ProjectionServiceMain.class, env, List.of()));
        return port;
    }

    private void awaitReady(int port) throws Exception {
        await(Duration.ofSeconds(120), "instance on " + port + " ready",
                () -> pipeline.get(port, "/health/ready").statusCode() == 200,
                () -> instances.get(port).output());
    }

    /** The status of a GET without credentials. */
    private static int statusWithoutToken(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The answer's JSON without what differs between instances answering the same value. */
    private String servedBy(int port, String path) {
        try {
            return pipeline.get(port, path).headers().firstValue("Eventline-Served-By").orElse("");
        } catch (Exception e) {
            return "";
        }
    }

    private JsonNode answer(int port, String path, Set<String> servedBy) throws Exception {
        HttpResponse<String> response = pipeline.get(port, path);
        assertThat(response.statusCode()).as(path + " on " + port + ": " + response.body()).isEqualTo(200);
        servedBy.add(response.headers().firstValue("Eventline-Served-By").orElseThrow());
        ObjectNode json = (ObjectNode) json(response);
        json.remove("stale");
        return json;
    }
}
