package io.eventline.projection.console;

import io.eventline.schemas.avro.account.AccountCommandEnvelope;
import io.eventline.schemas.avro.inventory.InventoryCommandEnvelope;
import io.eventline.schemas.avro.order.OrderCommandEnvelope;
import io.eventline.schemas.avro.shipment.ShipmentCommandEnvelope;
import io.eventline.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Every command of every aggregate type, described from the Avro contract (the payload union of each
 * command envelope), for the console's command form: GET /console/api/contracts/commands. A field
 * added to a command's schema appears in the form with no change to the page.
 */
final class CommandCatalogue {

    /** The command envelope of each aggregate type: the contract of its command topic. */
    static final Map<String, Schema> ENVELOPES = Map.of(
            "order", OrderCommandEnvelope.getClassSchema(),
            "inventory", InventoryCommandEnvelope.getClassSchema(),
            "account", AccountCommandEnvelope.getClassSchema(),
            "shipment", ShipmentCommandEnvelope.getClassSchema());

    private CommandCatalogue() {}

    /** {@code {"aggregates": [{"type", "idField", "commands": [{"type", "fields": [...]}]}]}} in the order of Topics.AGGREGATES. */
    static Map<String, Object> describe() {
        List<Map<String, Object>> aggregates = new ArrayList<>();
        for (String type : Topics.AGGREGATES) {
            Schema envelope = ENVELOPES.get(type);
            if (envelope == null) {
                throw new IllegalStateException("no command contract for the aggregate type " + type);
            }
            List<Schema> commands = envelope.getField("payload").schema().getTypes();
            List<Map<String, Object>> described = new ArrayList<>();
            for (Schema command : commands) {
                described.add(Map.of("type", command.getName(), "fields", fields(command)));
            }
            Map<String, Object> aggregate = new LinkedHashMap<>();
            aggregate.put("type", type);
            aggregate.put("idField", idField(type, commands));
            aggregate.put("commands", described);
            aggregates.add(aggregate);
        }
        return Map.of("aggregates", aggregates);
    }

    /** The aggregate's id: the first field of every command, filled from the URL, never typed twice. */
    static String idField(String type, List<Schema> commands) {
        String first = commands.getFirst().getFields().getFirst().name();
        for (Schema command : commands) {
            if (!command.getFields().getFirst().name().equals(first)) {
                throw new IllegalStateException(type + " commands do not all start with their aggregate's id (" + first + "): "
                        + command.getName());
            }
        }
        return first;
    }

    private static List<Map<String, Object>> fields(Schema record) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", field.name());
            json.putAll(type(field.schema()));
            if (field.doc() != null) {
                json.put("doc", field.doc());
            }
            fields.add(json);
        }
        return fields;
    }

    /** A JSON-form view of an Avro type: string, integer (int32 or int64), number, boolean, or an array of records. */
    private static Map<String, Object> type(Schema schema) {
        return switch (schema.getType()) {
            case STRING, ENUM -> Map.of("type", "string");
            case INT -> Map.of("type", "integer", "format", "int32");
            case LONG -> Map.of("type", "integer", "format", "int64");
            case FLOAT, DOUBLE -> Map.of("type", "number");
            case BOOLEAN -> Map.of("type", "boolean");
            case ARRAY -> Map.of("type", "array", "items", type(schema.getElementType()));
            case RECORD -> Map.of("type", "object", "fields", fields(schema));
            default -> throw new IllegalStateException("the console's command form has no input for the Avro type "
                    + schema.getType() + " (" + schema + ")");
        };
    }
}
