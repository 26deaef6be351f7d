package io.eventline.command.http;

import io.eventline.contracts.CommandOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/** A command outcome as JSON, the same shape whether it came back accepted or rejected. */
public final class OutcomeJson {

    private OutcomeJson() {}

    public static Map<String, Object> of(CommandOutcome outcome) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("commandId", outcome.commandId());
        json.put("status", outcome.status().name());
        json.put("aggregateType", outcome.aggregateType());
        json.put("aggregateId", outcome.aggregateId());
        json.put("version", outcome.version());
        json.put("eventIds", outcome.eventIds());
        outcome.rejection().ifPresent(r -> json.put("rejection", Map.of("code", r.code(), "message", r.message())));
        json.put("processedAt", outcome.processedAt());
        return json;
    }
}
