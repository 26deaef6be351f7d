package io.eventline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.schemas.avro.common.CommandResult;
import io.eventline.schemas.avro.common.EventKey;
import io.eventline.schemas.avro.order.OrderEventEnvelope;
import io.eventline.schemas.serde.AvroSerde;
import io.eventline.schemas.serde.UndecodableRecordException;
import io.eventline.schemas.serde.UndecodableRecordException.Reason;
import java.io.IOException;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfluentRestSchemaRegistryTest {
    private final FakeConfluentRegistry server = new FakeConfluentRegistry();
    private final ConfluentRestSchemaRegistry client = client();

    ConfluentRestSchemaRegistryTest() throws IOException {
    }

    private ConfluentRestSchemaRegistry client() {
        return new ConfluentRestSchemaRegistry(server.url(), Duration.ofSeconds(2), Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Schema thing(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[" + fields + "]}");
    }

    @Test
    void registers_and_another_client_finds_the_schema_by_its_global_id() {
        int key = client.register("shop.order.events-key", EventKey.getClassSchema());
        int result = client.register("shop.command-results-value", CommandResult.getClassSchema());
        int sameKey = client.register("shop.inventory.events-key", EventKey.getClassSchema());

        assertThat(sameKey).isEqualTo(key).isNotEqualTo(result);
        assertThat(client().schemaById(result)).isEqualTo(CommandResult.getClassSchema());
        assertThat(client.versions("shop.order.events-key")).singleElement()
                .isEqualTo(new RegisteredSchema("shop.order.events-key", 1, key, EventKey.getClassSchema()));
    }

    @Test
    void sends_confluents_content_type_and_caches_ids_and_schemas() {
        int id = client.register("s-value", EventKey.getClassSchema());
        ConfluentRestSchemaRegistry reader = client();
        reader.schemaById(id);
        int requestsSoFar = server.requests.size();

        client.register("s-value", EventKey.getClassSchema());
        reader.schemaById(id);

        assertThat(server.requests).hasSize(requestsSoFar);
        assertThat(server.contentTypes).containsOnly("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void refuses_an_incompatible_schema_naming_the_field() {
        client.register("things-value", thing("{\"name\":\"id\",\"type\":\"string\"}"));

        assertThatThrownBy(() -> client.register("things-value", thing("{\"name\":\"id\",\"type\":\"long\"}")))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("'things-value'")
                .hasMessageContaining("at id: TYPE_MISMATCH");
        assertThat(client.versions("things-value")).hasSize(1);
    }

    @Test
    void checks_every_earlier_version_not_only_the_latest_that_the_server_compares() {
        client.register("things-value", thing("{\"name\":\"id\",\"type\":\"string\"}"));
        client.register("things-value", thing("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}"));

        assertThatThrownBy(() -> client.register("things-value",
                thing("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"note\",\"type\":\"string\"}")))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("reading version 1 at note: READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void the_servers_own_refusal_is_reported_with_its_error_code() {
        server.failNext("POST /subjects/things-value/versions", 409, 409,
                "Schema being registered is incompatible with an earlier schema for subject things-value");

        assertThatThrownBy(() -> client.register("things-value", thing("{\"name\":\"id\",\"type\":\"string\"}")))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> assertThat(e.errorCode()).isEqualTo(409))
                .hasMessageContaining("incompatible with an earlier schema for subject things-value");
    }

    @Test
    void an_error_response_names_the_registry_the_request_the_status_and_the_error_code() {
        server.failNext("GET /schemas/ids/3", 500, 50001, "Error in the backend data store");

        assertThatThrownBy(() -> client.schemaById(3))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessage("Schema registry " + server.url() + " answered 500 to GET /schemas/ids/3: "
                        + "error_code 50001: Error in the backend data store")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(50001));
    }

    @Test
    void an_unknown_id_is_unknown_and_through_the_serde_undecodable() {
        assertThatThrownBy(() -> client.schemaById(99)).isInstanceOfSatisfying(UnknownSchemaException.class,
                e -> assertThat(e.errorCode()).isEqualTo(40403));

        byte[] bytes = {0, 0, 0, 0, 99, 2};
        assertThatThrownBy(() -> AvroSerde.forValues(OrderEventEnvelope.class, client).deserializer().deserialize("t", bytes))
                .isInstanceOfSatisfying(UndecodableRecordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA_ID));
    }

    @Test
    void a_registry_that_does_not_answer_in_time_fails_the_call_instead_of_hanging_it() {
        server.delayNext("GET /schemas/ids/1", Duration.ofSeconds(3));
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.schemaById(1))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessage("Schema registry " + server.url() + " did not answer GET /schemas/ids/1 within PT0.5S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a_registry_that_is_not_there_is_reported_as_unreachable() {
        server.close();
        assertThatThrownBy(() -> client.register("s-value", EventKey.getClassSchema()))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessageStartingWith("Cannot reach schema registry " + server.url() + " for POST /subjects/s-value");
    }

    @Test
    void the_serde_round_trips_through_the_rest_registry() {
        var serde = AvroSerde.forValues(EventKey.class, client);
        byte[] bytes = serde.serializer().serialize("shop.order.events", new EventKey("o-1", 3L));

        var freshSerde = AvroSerde.forValues(EventKey.class, client());
        assertThat(freshSerde.deserializer().deserialize("shop.order.events", bytes)).isEqualTo(new EventKey("o-1", 3L));
        assertThat(server.requests).contains("POST /subjects/shop.order.events-value/versions");
    }
}
