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
 */
public record CommandMetadata(
        String commandId,
        String aggregateId,
        OptionalLong expectedVersion,
        Instant issuedAt,
        String correlationId,
        Optional<String> causationId,
        String actor) {

    public CommandMetadata {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(actor, "actor");
    }
}
