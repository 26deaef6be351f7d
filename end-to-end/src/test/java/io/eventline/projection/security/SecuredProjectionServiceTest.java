package io.eventline.projection.security;

import static io.eventline.projection.security.SecuredServices.PROJECTIONS;
import static io.eventline.projection.security.SecuredServices.PROJECTIONS_ID;
import static io.eventline.projection.security.SecuredServices.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventline.testsupport.KafkaProbe;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side under least privilege: every projection module and the saga run with the projection
 * service's own principal on a broker that allows only what an ACL allows, and fulfil an order that
 * the command service (with its principal) decides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredProjectionServiceTest {

    SecuredServices services;

    @BeforeAll
    void start(@TempDir Path root) throws Exception {
        services = new SecuredServices(root);
        services.start();
        assertThat(services.commands.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();
        assertThat(services.projections.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();
    }

    @AfterAll
    void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void the_saga_fulfils_an_order_and_the_read_models_show_it() throws Exception {
        int commands = services.commands.httpPort();
        for (String[] command : new String[][] {
                {"/commands/account/alice", "{\"type\":\"OpenAccount\",\"payload\":{\"currency\":\"EUR\"}}"},
                {"/commands/account/alice", "{\"type\":\"DepositMoney\",\"payload\":{\"amount\":100000}}"},
                {"/commands/inventory/SKU-1", "{\"type\":\"AddStock\",\"payload\":{\"quantity\":10}}"},
                {"/commands/order/o-1", "{\"type\":\"PlaceOrder\",\"payload\":{\"customerId\":\"alice\",\"currency\":\"EUR\","
                        + "\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1250}]}}"}}) {
            HttpResponse<String> answer = services.post(commands, command[0], command[1]);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }

        int projections = services.projections.httpPort();
        JsonNode saga = await(projections, "/sagas/order-fulfilment/o-1", s -> s.get("status").asText().equals("COMPLETED"));
        assertThat(saga.get("terminal").asBoolean()).isTrue();
        JsonNode order = await(projections, "/readmodels/orders/o-1", o -> o.get("status").asText().equals("SHIPPED"));
        assertThat(order.get("total").asLong()).isEqualTo(2500);
        JsonNode balance = await(projections, "/readmodels/accounts/alice", b -> b.get("balance").asLong() == 97_500);
        assertThat(balance.get("balance").asLong()).isEqualTo(97_500);
        await(projections, "/readmodels/customers/alice", c -> c.get("ordersConfirmed").asLong() == 1);
        try (Admin admin = services.kafka.admin()) {
            assertThat(admin.listTopics().names().get()).as("repartition topics under the service's own prefix")
                    .anyMatch(name -> name.startsWith(PROJECTIONS_ID + "-") && name.endsWith("-repartition"));
        }
    }

    @Test
    void the_projection_principal_may_not_write_events_nor_results_nor_read_commands() {
        Map<String, Object> principal = services.kafka.clientConfig(PROJECTIONS);
        var topics = services.topics;
        assertThat(KafkaProbe.write(principal, topics.events("order"))).get().isInstanceOf(TopicAuthorizationException.class);
        assertThat(KafkaProbe.write(principal, topics.commandResults())).get().isInstanceOf(TopicAuthorizationException.class);
        assertThat(KafkaProbe.read(principal, topics.commands("order"), Optional.empty()))
                .get().isInstanceOf(TopicAuthorizationException.class);
        assertThat(KafkaProbe.read(principal, SecuredServices.COMMANDS_ID + "-order-aggregates-changelog", Optional.empty()))
                .as("the command service's state").get().isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void its_console_lists_dead_letters_with_the_projection_principals_acls_and_reaches_the_command_service() throws Exception {
        int projections = services.projections.httpPort();
        HttpResponse<String> letters = services.get(projections, "/dead-letters/order");
        assertThat(letters.statusCode()).as(letters.body()).isEqualTo(200);
        assertThat(json(letters).path("aggregateType").asText()).isEqualTo("order");
        HttpResponse<String> missing = services.get(projections, "/console/api/aggregates/order/nobody");
        assertThat(missing.statusCode()).as("the command service's own answer, passed on").isEqualTo(404);
        assertThat(missing.body()).contains("order nobody");
    }

    private JsonNode await(int port, String path, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = services.get(port, path);
            last = answer.statusCode() + " " + answer.body();
            if (answer.statusCode() == 200 && done.test(json(answer))) {
                return json(answer);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within 60 s: " + path + "; last answer " + last);
    }
}
