package io.eventline.command.topology;

import io.eventline.service.app.FailingRecords;
import java.time.Duration;
import java.util.Objects;

/**
 * The rules the command processor applies besides the domain's, with their settings.
 *
 * @param dedupRetention how long a command id is remembered, and so how old a command may be: an
 *                       {@code issuedAt} older than this is refused, since its id may be forgotten
 * @param maxClockSkew   how far ahead of the service's clock an {@code issuedAt} may be
 * @param failures       the input records a stream thread failed on, and when to give up on one
 */
public record CommandPolicy(Duration dedupRetention, Duration maxClockSkew, FailingRecords failures) {

    public CommandPolicy {
        Objects.requireNonNull(dedupRetention, "dedupRetention");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        Objects.requireNonNull(failures, "failures");
    }

    /** The defaults, with a ledger of its own: for tests and tools that run a topology alone. */
    public static CommandPolicy defaults() {
        return new CommandPolicy(Duration.ofDays(7), Duration.ofMinutes(15), FailingRecords.standard());
    }
}
