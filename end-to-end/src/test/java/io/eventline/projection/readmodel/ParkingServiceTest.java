package io.eventline.projection.readmodel;

import static io.eventline.projection.readmodel.ReadModelPipeline.await;
import static io.eventline.projection.readmodel.ReadModelPipeline.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventline.contracts.AggregatePartitioner;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.domain.order.OrderCommand.ConfirmOrder;
import io.eventline.domain.order.OrderCommand.PlaceOrder;
import io.eventline.domain.order.OrderLine;
import io.eventline.projection.app.ProjectionService;
import io.eventline.projection.readmodel.order.OrderSummaryModule;
import io.eventline.service.config.ServiceSettings;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Parking on a real broker: an event the order summary cannot decode stops that order's view (the
 * later event waits behind it), the HTTP API shows it everywhere an operator looks, and a skip
 * recorded through the API (the decisions topic and every instance's global store) releases it.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParkingServiceTest {

    static final List<OrderLine> LINES = List.of(new OrderLine("SKU-1", 1, 700));
    static final Duration WAIT = Duration.ofSeconds(30);

    ReadModelPipeline pipeline;
    int port;

    @BeforeAll
    void start(KafkaTestCluster kafka) throws Exception {
        Path root = Files.createTempDirectory("parking-service-test");
        pipeline = new ReadModelPipeline(kafka, "rm-park", root);
        port = ReadModelPipeline.freePort();
        ServiceSettings settings = pipeline.settings("rm-park-projections", Map.of("EVENTLINE_STANDBY_REPLICAS", "0"))
                .withInstance(port, Files.createDirectories(root.resolve("projections")));
        ProjectionService service = pipeline.closeLater(ProjectionService.start(settings, pipeline.registry,
                List.of(new OrderSummaryModule())));
        assertThat(service.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();
        assertThat(pipeline.commands.streams().awaitRunning(Duration.ofSeconds(60))).isTrue();
    }

    @AfterAll
    void stop() throws Exception {
        pipeline.close();
    }

    @Test
    void an_undecodable_event_parks_its_order_is_shown_and_a_skip_through_the_api_releases_the_order() throws Exception {
        pipeline.send(pipeline.orders(), "pk-1-place", "pk-1", new PlaceOrder("pk-1", "erin", LINES, "EUR"));
        await(WAIT, "pk-1 at version 1", () -> pipeline.get(port, "/readmodels/orders/pk-1?minVersion=1").statusCode() == 200,
                () -> "");
        // A record on the event topic that claims to be pk-1's next event and is not Avro at all.
        String topic = pipeline.topics.events("order");
        byte[] key = new AvroOutcomeCodec(pipeline.registry).encodeEventKey(topic, "pk-1", 2);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pipeline.kafka.clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, AggregatePartitioner.partitionOf("pk-1", pipeline.topics.partitions()), key,
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        // The command service's own version 2 then waits behind it.
        pipeline.send(pipeline.orders(), "pk-1-confirm", "pk-1", new ConfirmOrder("pk-1"));

        String parkedPath = "/projections/order-summary/parked/pk-1";
        await(WAIT, "two records parked for pk-1", () -> {
            HttpResponse<String> parked = pipeline.get(port, parkedPath);
            return parked.statusCode() == 200 && json(parked).get("parkedRecords").asInt() == 2;
        }, () -> body(parkedPath));
        JsonNode parked = json(pipeline.get(port, parkedPath));
        assertThat(parked.get("records").get(0).get("reason").asText()).startsWith("undecodable: ");
        assertThat(parked.get("records").get(1).get("reason").asText()).startsWith("waits behind the parked record " + topic);
        JsonNode order = json(pipeline.get(port, "/readmodels/orders/pk-1"));
        assertThat(order.get("version").asLong()).isEqualTo(1);
        assertThat(order.get("parkedRecords").asInt()).as("the answer says the order's view is held back").isEqualTo(2);
        assertThat(json(pipeline.get(port, "/projections/order-summary/parked")).get("items"))
                .extracting(item -> item.get("key").asText()).containsExactly("pk-1");
        await(WAIT, "the status counts the parked records", () -> statusOfOrderSummary().get("parkedRecords").asLong() == 2,
                () -> body("/projections/status"));
        assertThat(pipeline.get(port, "/metrics").body()).contains("eventline_projection_parked_records{");

        HttpResponse<String> skip = pipeline.postJson(port, parkedPath + "/skip",
                "{\"record\": \"" + parked.get("records").get(0).get("record").asText() + "\", \"by\": \"ops-test\"}");
        assertThat(skip.statusCode()).as(skip.body()).isEqualTo(202);
        assertThat(json(skip).get("requestedBy").asText()).isEqualTo("ops-test");

        await(WAIT, "pk-1 released: confirmed at version 2", () -> {
            JsonNode now = json(pipeline.get(port, "/readmodels/orders/pk-1"));
            return now.get("version").asLong() == 2 && !now.has("parkedRecords");
        }, () -> body("/readmodels/orders/pk-1"));
        assertThat(json(pipeline.get(port, "/readmodels/orders/pk-1")).get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(pipeline.get(port, parkedPath).statusCode()).isEqualTo(404);
        assertThat(pipeline.postJson(port, parkedPath + "/retry", "{\"record\": \"x/0@1\"}").statusCode())
                .as("a retry names no record").isEqualTo(400);
    }

    private JsonNode statusOfOrderSummary() throws Exception {
        for (JsonNode p : json(pipeline.get(port, "/projections/status")).get("projections")) {
            if (p.get("projection").asText().equals("order-summary")) {
                return p;
            }
        }
        throw new AssertionError("no order-summary in the status");
    }

    private String body(String path) {
        try {
            return pipeline.get(port, path).body();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
