package io.eventline.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What became of a command, as written to the results topic. A duplicate command gets its first
 * outcome again.
 *
 * @param version the aggregate's version after the command (unchanged when rejected)
 */
public record CommandOutcome(
        String commandId,
        Status status,
        String aggregateType,
        String aggregateId,
        long version,
        List<String> eventIds,
        Optional<RejectionReason> rejection,
        Instant processedAt) {

    public enum Status { ACCEPTED, REJECTED }

    /** A stable code (ORDER_NOT_CONFIRMED, CONCURRENCY_CONFLICT, ...) and a message for people. */
    public record RejectionReason(String code, String message) {}

    public CommandOutcome {
        eventIds = List.copyOf(eventIds);
    }

    public static CommandOutcome accepted(CommandMetadata command, String aggregateType, long version,
                                          List<String> eventIds, Instant processedAt) {
        return new CommandOutcome(command.commandId(), Status.ACCEPTED, aggregateType, command.aggregateId(),
                version, eventIds, Optional.empty(), processedAt);
    }

    public static CommandOutcome rejected(CommandMetadata command, String aggregateType, long version,
                                          String code, String message, Instant processedAt) {
        return new CommandOutcome(command.commandId(), Status.REJECTED, aggregateType, command.aggregateId(),
                version, List.of(), Optional.of(new RejectionReason(code, message)), processedAt);
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }
}
