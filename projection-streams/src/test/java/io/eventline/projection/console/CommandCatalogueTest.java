package io.eventline.projection.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command form's description comes from the Avro contracts: every aggregate type, every command, every field. */
class CommandCatalogueTest {

    @Test
    @SuppressWarnings("unchecked")
    void describes_every_command_of_every_aggregate_type_from_its_schema() {
        List<Map<String, Object>> aggregates = (List<Map<String, Object>>) CommandCatalogue.describe().get("aggregates");

        assertThat(aggregates).extracting(a -> a.get("type")).containsExactlyElementsOf(Topics.AGGREGATES);
        assertThat(aggregates).extracting(a -> a.get("idField")).containsExactly("orderId", "sku",
                "customerId", "orderId");
        Map<String, Object> order = aggregates.getFirst();
        List<Map<String, Object>> commands = (List<Map<String, Object>>) order.get("commands");
        assertThat(commands).extracting(c -> c.get("type"))
                .containsExactly("PlaceOrder", "ConfirmOrder", "ShipOrder", "CancelOrder", "DeliverOrder");
        List<Map<String, Object>> placeOrder = (List<Map<String, Object>>) commands.getFirst().get("fields");
        assertThat(placeOrder).extracting(f -> f.get("name")).containsExactly("orderId", "customerId", "lines", "currency");
        Map<String, Object> lines = placeOrder.get(2);
        assertThat(lines).containsEntry("type", "array");
        Map<String, Object> line = (Map<String, Object>) lines.get("items");
        assertThat((List<Map<String, Object>>) line.get("fields")).containsExactly(
                Map.of("name", "sku", "type", "string"),
                Map.of("name", "quantity", "type", "integer", "format", "int32"),
                Map.of("name", "unitPrice", "type", "integer", "format", "int64",
                        "doc", "Exact price in minor units of the order's currency (1250 = 12.50 EUR). V1 wrote a decimal string; see schemas/README.md."));
    }
}
