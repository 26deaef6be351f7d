package io.eventline.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.shipment.ShipmentCommand;
import io.eventline.service.http.Ids;
import io.eventline.service.http.Json;
import io.eventline.service.http.Problem;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
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

    /** The longest free text a command may carry (a cancel reason, say). */
    static final int MAX_TEXT = 1_000;

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
        // Every field: the Avro contract has no optional field in any command, so a missing one is the client's mistake.
        Object command = json.bindEveryFieldRequired(fields, commandClass);
        check("payload", command);
        return command;
    }

    /**
     * Ids inside a payload (sku, orderId, customerId) name other aggregates, so they follow the rule of
     * ids in URLs; other text (a reason, a currency) is bounded, so no command outgrows a Kafka record.
     */
    private static void check(String path, Object value) {
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                String field = path + "." + component.getName();
                Object fieldValue = read(component, record);
                if (fieldValue instanceof String text) {
                    if (component.getName().equals("sku") || component.getName().endsWith("Id")) {
                        Ids.require(field, text);
                    } else if (text.length() > MAX_TEXT) {
                        throw Problem.badRequest(field + " must be at most " + MAX_TEXT + " characters, got " + text.length());
                    }
                } else {
                    check(field, fieldValue);
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                check(path + "[" + i + "]", list.get(i));
            }
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
