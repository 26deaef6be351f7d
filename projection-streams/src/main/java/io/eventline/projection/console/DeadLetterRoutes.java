package io.eventline.projection.console;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.DeadLetterTopic;
import io.eventline.contracts.DeadLetters;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.http.HttpApi;
import io.eventline.service.http.Json;
import io.eventline.service.http.Problem;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands' dead-letter topics over HTTP, as {@code eventline dlq list|replay} shows them:
 * <pre>
 * GET  /dead-letters/{type}?limit=N                          the newest N (default 100) with their dlq.* headers,
 *                                                            the command decoded where it can be
 * POST /dead-letters/{type}/{partition}/{offset}/replay      {"by": "..."} (admin scope): back to its command topic
 * </pre>
 */
final class DeadLetterRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final DeadLetterTopic topic;
    private final Map<String, AggregateType<?, ?, ?>> types = new LinkedHashMap<>();
    private final Json json;

    DeadLetterRoutes(DeadLetterTopic topic, List<AggregateType<?, ?, ?>> aggregates, Json json) {
        this.topic = topic;
        this.json = json;
        aggregates.forEach(type -> types.put(type.name(), type));
    }

    void addTo(HttpApi api) {
        api.get("/dead-letters/{type}", this::list)
                .adminPost("/dead-letters/{type}/{partition}/{offset}/replay", this::replay);
    }

    Response list(Request request) {
        AggregateType<?, ?, ?> type = type(request);
        long limit = request.queryLong("limit").orElse((long) DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problem.badRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        List<DeadLetterTopic.DeadLetter> all;
        try {
            all = topic.list(type.name(), TIMEOUT);
        } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
            // A timeout, or a principal without READ on the dead-letter topic (docs/operations.md, ACLs): said, not a 500.
            throw Problem.unavailable("the dead letters could not be read now: " + e.getMessage(), 5);
        }
        List<DeadLetterTopic.DeadLetter> newest = all.stream()
                .sorted(java.util.Comparator.comparing(DeadLetterTopic.DeadLetter::writtenAt).reversed()
                        .thenComparing(DeadLetterTopic.DeadLetter::place))
                .limit(limit).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("aggregateType", type.name());
        body.put("total", all.size());
        body.put("items", newest.stream().map(letter -> json(type, letter)).toList());
        return Response.ok(body);
    }

    private Map<String, Object> json(AggregateType<?, ?, ?> type, DeadLetterTopic.DeadLetter letter) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("place", letter.place());
        item.put("partition", letter.partition());
        item.put("offset", letter.offset());
        item.put("writtenAt", letter.writtenAt().toString());
        item.put("key", letter.key());
        item.put("reason", letter.reason());
        item.put("headers", letter.why());
        item.put("valueBytes", letter.value() == null ? null : letter.value().length);
        try {
            item.put("command", letter.value() == null ? null : command(type, letter));
        } catch (RuntimeException undecodable) {
            // What the command service could not decode, this cannot either: the reason headers say why.
            item.put("command", null);
            item.put("decodeError", undecodable.getMessage());
        }
        return item;
    }

    private <C> Map<String, Object> command(AggregateType<C, ?, ?> type, DeadLetterTopic.DeadLetter letter) {
        String source = letter.why().getOrDefault(DeadLetters.SOURCE_TOPIC, letter.topic());
        CommandEnvelope<C> envelope = type.codec().decodeCommand(source, letter.headers(), letter.value());
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("type", type.codec().commandTypeOf(envelope.command()));
        command.put("commandId", envelope.metadata().commandId());
        command.put("aggregateId", envelope.metadata().aggregateId());
        command.put("issuedAt", envelope.metadata().issuedAt().toString());
        command.put("correlationId", envelope.metadata().correlationId());
        command.put("actor", envelope.metadata().actor());
        command.put("payload", json.mapper().valueToTree(envelope.command()));
        return command;
    }

    Response replay(Request request) {
        AggregateType<?, ?, ?> type = type(request);
        int partition = (int) number(request, "partition", Integer.MAX_VALUE);
        long offset = number(request, "offset", Long.MAX_VALUE);
        String by = request.decidedBy(request.jsonBodyIfAny(), "console");
        DeadLetterTopic.Replayed replayed;
        try {
            replayed = topic.replay(type.name(), partition, offset, by, TIMEOUT);
        } catch (DeadLetterTopic.NoDeadLetter e) {
            throw Problem.notFound(e.getMessage());
        } catch (DeadLetterTopic.NotReplayable e) {
            throw new Problem(409, "Conflict", e.getMessage());
        } catch (IllegalStateException e) {
            throw Problem.unavailable(e.getMessage(), 5);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("replayed", replayed.from().place());
        json.put("reason", replayed.from().reason());
        json.put("to", replayed.topic() + "/" + replayed.partition() + "@" + replayed.offset());
        json.put("by", replayed.by());
        json.put("at", replayed.at().toString());
        return Response.of(202, json);
    }

    private AggregateType<?, ?, ?> type(Request request) {
        AggregateType<?, ?, ?> type = types.get(request.param("type"));
        if (type == null) {
            throw Problem.notFound("unknown aggregate type '" + request.param("type") + "' (known: " + Topics.AGGREGATES + ")");
        }
        return type;
    }

    private static long number(Request request, String name, long max) {
        String raw = request.param(name);
        try {
            long value = Long.parseLong(raw);
            if (value < 0 || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw Problem.badRequest(name + " must be a whole number from 0, got '" + raw + "'");
        }
    }
}
