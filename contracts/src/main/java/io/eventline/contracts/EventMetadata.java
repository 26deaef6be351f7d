package io.eventline.contracts;

import java.time.Instant;
import java.util.Optional;

/**
 * Everything about an event but its payload.
 *
 * @param eventId    derived from the command id and the event's index, so a replay gives the same id
 * @param version    the aggregate's version after this event: 1, 2, 3 ... with no gap
 * @param occurredAt when the command service decided it: its clock at the decision, which the
 *                   temporal queries and the audit trail follow
 * @param actor      who sent the command that caused it
 * @param onBehalfOf whom that command was sent for, if the actor named someone
 */
public record EventMetadata(
        String eventId,
        String aggregateType,
        String aggregateId,
        long version,
        Instant occurredAt,
        String commandId,
        String correlationId,
        Optional<String> causationId,
        String actor,
        Optional<String> onBehalfOf) {

    /** An event of a command sent for no one else. */
    public EventMetadata(String eventId, String aggregateType, String aggregateId, long version, Instant occurredAt,
                         String commandId, String correlationId, Optional<String> causationId, String actor) {
        this(eventId, aggregateType, aggregateId, version, occurredAt, commandId, correlationId, causationId, actor,
                Optional.empty());
    }
}
