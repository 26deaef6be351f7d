package io.eventline.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.shipment.ShipmentCommand;
import io.eventline.service.http.Json;
import io.eventline.service.http.Problem;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds a JSON command to a domain command record: {@code type} names the record (PlaceOrder, ...),
 * {@code payload} holds its fields, and the aggregate id comes from the URL, never from the body.
 */
public final class CommandJson {

    private record Binding(Class<?> sealedType, String idField) {}

    private static final Map<String, Binding> BINDINGS = Map.of(
            "order", new Binding(OrderCommand.class, "orderId"),
            "inventory", new Binding(InventoryCommand.class, "sku"),
            "account", new Binding(AccountCommand.class, "customerId"),
            "shipment", new Binding(ShipmentCommand.class, "orderId"));

    private CommandJson() {}

    public static Object bind(Json json, String aggregateType, String aggregateId, String commandType, JsonNode payload) {
        Binding binding = BINDINGS.get(aggregateType);
        if (binding == null) {
            throw Problem.notFound("unknown aggregate type '" + aggregateType + "' (known: " + BINDINGS.keySet() + ")");
        }
        Map<String, Class<?>> commands = Arrays.stream(binding.sealedType().getPermittedSubclasses())
                .collect(Collectors.toMap(Class::getSimpleName, c -> c));
        Class<?> commandClass = commands.get(commandType);
        if (commandClass == null) {
            throw Problem.badRequest("unknown " + aggregateType + " command type '" + commandType + "' (known: "
                    + commands.keySet().stream().sorted().toList() + ")");
        }
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            throw Problem.badRequest("'payload' must be a JSON object");
        }
        ObjectNode fields = payload == null || payload.isNull() ? json.mapper().createObjectNode() : ((ObjectNode) payload).deepCopy();
        JsonNode given = fields.get(binding.idField());
        if (given != null && !given.asText().equals(aggregateId)) {
            throw Problem.badRequest("payload." + binding.idField() + " is '" + given.asText()
                    + "' but the URL names '" + aggregateId + "'; leave it out of the payload");
        }
        fields.put(binding.idField(), aggregateId);
        return json.bind(fields, commandClass);
    }
}
