package io.eventline.command.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderLine;
import io.eventline.service.http.Json;
import io.eventline.service.http.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandJsonTest {

    private final Json json = new Json();

    @Test
    void binds_a_command_with_the_aggregate_id_from_the_url() {
        Object command = bind("order", "o-1", "PlaceOrder",
                "{\"customerId\":\"alice\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1250}]}");
        assertThat(command).isEqualTo(new OrderCommand.PlaceOrder("o-1", "alice", List.of(new OrderLine("SKU-1", 2, 1250)), "EUR"));
    }

    @Test
    void refuses_a_missing_or_null_field_which_the_avro_contract_cannot_encode() {
        // Each of these once reached the serializer and came back as a 500.
        assertBadRequest("account", "alice", "OpenAccount", "{}");
        assertBadRequest("account", "alice", "DepositMoney", "{}");
        assertBadRequest("order", "o-1", "CancelOrder", "{\"reason\":null}");
        assertBadRequest("order", "o-1", "PlaceOrder", "{\"customerId\":\"alice\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"S\",\"quantity\":1}]}");
    }

    @Test
    void refuses_ids_inside_a_payload_that_no_url_could_name() {
        assertBadRequest("inventory", "SKU-1", "ReserveStock", "{\"orderId\":\"a/b\",\"quantity\":1}");
        assertBadRequest("shipment", "o-1", "CreateShipment", "{\"lines\":[{\"sku\":\"\u00e4\",\"quantity\":1}]}");
        assertBadRequest("account", "alice", "ChargePayment", "{\"orderId\":\"" + "x".repeat(129) + "\",\"amount\":1,\"currency\":\"EUR\"}");
        assertThat(bind("inventory", "SKU-1", "ReserveStock", "{\"orderId\":\"o-1\",\"quantity\":1}")).isNotNull();
    }

    @Test
    void refuses_free_text_longer_than_a_record_should_carry() {
        assertBadRequest("order", "o-1", "CancelOrder", "{\"reason\":\"" + "x".repeat(CommandJson.MAX_TEXT + 1) + "\"}");
        assertThat(bind("order", "o-1", "CancelOrder", "{\"reason\":\"" + "x".repeat(CommandJson.MAX_TEXT) + "\"}")).isNotNull();
    }

    private Object bind(String type, String id, String command, String payload) {
        return CommandJson.bind(json, type, id, command, json.parseObject(payload.getBytes()));
    }

    private void assertBadRequest(String type, String id, String command, String payload) {
        assertThatThrownBy(() -> bind(type, id, command, payload)).as(payload)
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(400));
    }
}
