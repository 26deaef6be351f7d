package io.eventline.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every way to get one field of a valid command body wrong: each field, at any depth, replaced by
 * values of the wrong JSON type, and id fields by strings no id may be. Each body breaks one thing only.
 */
final class WrongShapes {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What may be left out: leaving it out is no mistake, but null or a wrong type is. */
    private static final Set<String> OPTIONAL = Set.of("commandId", "expectedVersion", "correlationId", "causationId", "actor");
    private static final List<String> NOT_STRINGS = List.of("123", "1.5", "true", "[]", "{}", "[\"a\"]", "{\"a\":1}");
    private static final List<String> NOT_NUMBERS = List.of("\"5\"", "1.5", "2.0", "true", "[]", "{}", "1e400",
            "99999999999999999999", "-99999999999999999999", "\"\"", "[5]");
    private static final List<String> NOT_IDS = List.of("\"\"", "\"a/b\"", "\"" + "x".repeat(129) + "\"", "\"ä\"", "\"a b\"",
            "\"\\u0000\"", "\"..\"", "\"<script>\"");

    private WrongShapes() {}

    static List<String> of(List<String> validBodies) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (String valid : validBodies) {
            JsonNode root = JSON.readTree(valid);
            collect(root, root, bodies);
        }
        return bodies;
    }

    private static void collect(JsonNode root, JsonNode node, List<String> bodies) {
        if (node instanceof ObjectNode object) {
            for (String field : List.copyOf(iterable(object))) {
                JsonNode original = object.get(field);
                for (String wrong : wrongFor(field, original)) {
                    object.set(field, parse(wrong));
                    bodies.add(root.toString());
                }
                object.set(field, original);
                collect(root, original, bodies);
            }
        } else if (node instanceof ArrayNode array && !array.isEmpty()) {
            JsonNode first = array.get(0);
            for (String wrong : List.of("null", "1", "\"x\"", "[]")) {
                array.set(0, parse(wrong));
                bodies.add(root.toString());
            }
            array.set(0, first);
            collect(root, first, bodies);
        }
    }

    private static List<String> wrongFor(String field, JsonNode original) {
        List<String> wrong = new ArrayList<>(original.isTextual() ? NOT_STRINGS
                : original.isNumber() ? NOT_NUMBERS : List.of("\"x\"", "1", "true"));
        if (!OPTIONAL.contains(field)) {
            wrong.add("null");
        }
        if (field.endsWith("Id") || field.equals("sku") || field.equals("actor")) {
            wrong.addAll(NOT_IDS);
        }
        if (field.equals("expectedVersion")) {
            wrong.add("-1");
        }
        return wrong;
    }

    private static List<String> iterable(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
