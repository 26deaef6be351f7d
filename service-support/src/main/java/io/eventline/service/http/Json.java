package io.eventline.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one JSON configuration of the HTTP edges: ISO-8601 instants, unknown fields refused, and no
 * silent coercion between JSON types: 12.5 is no amount in minor units, 5 is no id, "5" no quantity.
 */
public final class Json {

    private final ObjectMapper mapper = strict(new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT));

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    public JsonNode parseObject(byte[] body) {
        if (body.length == 0) {
            throw Problem.badRequest("a JSON object body is required");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw Problem.badRequest("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Problem.badRequest("unreadable body: " + e.getMessage());
        }
    }

    public JsonNode parse(byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("malformed JSON", e);
        }
    }

    /** Binds a JSON object to a type; a 400 problem naming the field when it does not fit. */
    public <T> T bind(JsonNode node, Class<T> type) {
        return bind(mapper.readerFor(type), node, type);
    }

    /** The same, and every field of the record (and of the records inside it) must be there and not null. */
    public <T> T bindEveryFieldRequired(JsonNode node, Class<T> type) {
        return bind(mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES), node, type);
    }

    private static <T> T bind(ObjectReader reader, JsonNode node, Class<T> type) {
        try {
            return reader.treeToValue(node, type);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw Problem.badRequest("invalid " + type.getSimpleName() + ": " + e.getOriginalMessage()
                    + (e.getPath().isEmpty() ? "" : " (at " + e.getPathReference() + ")"));
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("invalid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("invalid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
