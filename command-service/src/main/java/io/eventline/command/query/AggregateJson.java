package io.eventline.command.query;

import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.StoredAggregate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of the command service's answers; domain records serialise as they are. */
public final class AggregateJson {

    private AggregateJson() {}

    public static Map<String, Object> state(String aggregateType, String aggregateId, StoredAggregate<?> stored, boolean stale) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("aggregateType", aggregateType);
        json.put("aggregateId", aggregateId);
        json.put("version", stored.version());
        json.put("updatedAt", stored.updatedAt());
        json.put("stateType", stored.state().getClass().getSimpleName());
        json.put("state", stored.state());
        json.put("stale", stale);
        return json;
    }

    public static Map<String, Object> event(EventEnvelope<?> event) {
        var m = event.metadata();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventId", m.eventId());
        json.put("version", m.version());
        json.put("type", event.event().getClass().getSimpleName());
        json.put("occurredAt", m.occurredAt());
        json.put("commandId", m.commandId());
        json.put("correlationId", m.correlationId());
        json.put("causationId", m.causationId().orElse(null));
        json.put("actor", m.actor());
        json.put("onBehalfOf", m.onBehalfOf().orElse(null));
        json.put("payload", event.event());
        return json;
    }
}
