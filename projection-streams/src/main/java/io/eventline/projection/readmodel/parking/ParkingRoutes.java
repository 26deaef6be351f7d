package io.eventline.projection.readmodel.parking;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventline.projection.module.ProjectionContext;
import io.eventline.projection.module.ProjectionModule;
import io.eventline.projection.readmodel.ProjectionMonitor;
import io.eventline.projection.readmodel.query.KeyedQueries;
import io.eventline.projection.readmodel.query.ListQueries;
import io.eventline.projection.readmodel.query.ReadModelSpec;
import io.eventline.schemas.avro.readmodel.ParkedRecord;
import io.eventline.schemas.avro.readmodel.ParkedRecords;
import io.eventline.schemas.avro.readmodel.ParkingAction;
import io.eventline.schemas.avro.readmodel.ParkingDecision;
import io.eventline.service.http.HttpApi;
import io.eventline.service.http.Problem;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import io.eventline.service.query.QueryRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the HTTP API shows of one read model's parked records, and the operator's two answers:
 * <pre>
 * GET  /projections/{projection}/parked            every key with parked records, from all instances
 * GET  /projections/{projection}/parked/{key}      one key's parked records, first the one that failed
 * POST /projections/{projection}/parked/{key}/retry   {"by": "..."}                                   (admin scope)
 * POST /projections/{projection}/parked/{key}/skip    {"record": "topic/partition@offset", "by": "..."}   (admin scope)
 * </pre>
 */
public final class ParkingRoutes {

    private ParkingRoutes() {}

    /** Adds the routes for the records {@code module} parks, and the gauge that counts them. */
    public static void add(HttpApi api, QueryRouter router, ProjectionContext context, ProjectionModule module) {
        String projection = module.name();
        ProjectionMonitor.watchParked(context, context.applicationId(module), projection, router.streams(),
                ParkingProcessor.parkedStore(projection));
        String path = path(projection);
        ReadModelSpec<ParkedRecords> spec = spec(projection);
        KeyedQueries<ParkedRecords> byKey = new KeyedQueries<>(spec, router, Duration.ZERO, api.waits());
        ListQueries<ParkedRecords> list = new ListQueries<>(spec, router, context.topics().partitions(), Duration.ofSeconds(2),
                api.json());
        api.get(path, list::list)
                .get(path + "/{key}", request -> byKey.byKey(request, request.id("key")))
                .adminPost(path + "/{key}/retry",
                        request -> decide(request, context.parkingDecisions(), projection, ParkingAction.RETRY))
                .adminPost(path + "/{key}/skip",
                        request -> decide(request, context.parkingDecisions(), projection, ParkingAction.SKIP));
    }

    public static String path(String projection) {
        return "/projections/" + projection + "/parked";
    }

    /** The parked store as a read model the generic keyed and list queries can serve. */
    public static ReadModelSpec<ParkedRecords> spec(String projection) {
        return new ReadModelSpec<>(ParkingProcessor.parkedStore(projection), "key with parked records", ParkingRoutes::json, null);
    }

    public static Map<String, Object> json(ParkedRecords parked) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (ParkedRecord record : parked.getRecords()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("record", ParkingProcessor.coordinates(record));
            json.put("timestamp", record.getTimestamp().toString());
            json.put("reason", record.getReason());
            json.put("parkedAt", record.getParkedAt().toString());
            json.put("valueBase64", record.getRecordValue() == null ? null
                    : Base64.getEncoder().encodeToString(ParkingProcessor.bytes(record.getRecordValue())));
            records.add(json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", parked.getKey());
        json.put("parkedRecords", records.size());
        json.put("lastDecision", parked.getLastDecision());
        json.put("records", records);
        return json;
    }

    /** POST …/{key}/retry or …/skip: records the decision; the owning task applies it within about a second. */
    public static Response decide(Request request, ParkingDecisions decisions, String projection, ParkingAction action) {
        String key = request.id("key");
        JsonNode body = request.jsonBodyIfAny();
        String by = request.decidedBy(body, "operator");
        String skip = text(body, "record", null);
        if (skip != null && action != ParkingAction.SKIP) {
            throw Problem.badRequest("'record' names what to skip; a retry applies every parked record of the key");
        }
        if (skip != null && !skip.matches(".+/\\d+@\\d+")) {
            throw Problem.badRequest("'record' must be topic/partition@offset as GET " + path(projection) + "/" + key
                    + " shows it, got '" + skip + "'");
        }
        ParkingDecision decision;
        try {
            decision = decisions.decide(projection, key, action, skip, by);
        } catch (IllegalStateException e) {
            throw Problem.unavailable(e.getMessage(), 5);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("decision", decision.getId());
        json.put("projection", projection);
        json.put("key", key);
        json.put("action", action.name());
        json.put("record", decision.getSkip());
        json.put("requestedBy", by);
        json.put("requestedAt", decision.getRequestedAt().toString());
        return Response.of(202, json);
    }

    private static String text(JsonNode body, String field, String otherwise) {
        if (body == null || !body.hasNonNull(field)) {
            return otherwise;
        }
        if (!body.get(field).isTextual() || body.get(field).asText().isBlank() || body.get(field).asText().length() > 200) {
            throw Problem.badRequest("'" + field + "' must be a non-blank string of at most 200 characters");
        }
        return body.get(field).asText();
    }
}
