package io.eventline.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything about a command but its payload.
 *
 * @param commandId       chosen by the client: the idempotency key
 * @param expectedVersion when present, the command applies only to exactly this version (optimistic concurrency)
 * @param issuedAt        the sender's claim of when it issued the command: kept as sent, checked against the
 *                        service's clock (see CommandProcessor), never used as an event's time
 * @param causationId     the event or command that caused this one, if any
 * @param actor           who sent it: the authenticated principal when the service requires credentials
 * @param onBehalfOf      whom the actor sent it for, when it named someone and was allowed to
 */
public record CommandMetadata(
        String commandId,
        String aggregateId,
        OptionalLong expectedVersion,
        Instant issuedAt,
        String correlationId,
        Optional<String> causationId,
        String actor,
        Optional<String> onBehalfOf) {

    /** A command sent for no one else. */
    public CommandMetadata(String commandId, String aggregateId, OptionalLong expectedVersion, Instant issuedAt,
                           String correlationId, Optional<String> causationId, String actor) {
        this(commandId, aggregateId, expectedVersion, issuedAt, correlationId, causationId, actor, Optional.empty());
    }

    public CommandMetadata {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(onBehalfOf, "onBehalfOf");
    }
}
