package io.eventline.verify;

import io.eventline.projection.saga.InvariantReport;
import io.eventline.projection.saga.InvariantReport.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ExactlyOnceVerifier} found in the committed output of a pipeline.
 *
 * @param commands            committed command records that decoded (a command sent twice counts twice)
 * @param undecodableCommands command records that could not be decoded: each must be dead-lettered
 * @param results             committed result records
 * @param duplicateDeliveries command records whose command id had been seen before: each answered with the first result again
 * @param events              committed events, over {@code aggregates} aggregates
 * @param snapshots           aggregates with a stored state in the command service's changelogs
 * @param openTransactions    per topic-partition, records of a transaction still undecided when read
 * @param invariants          the saga's invariants, when the pipeline ran the saga
 */
public record VerificationReport(long commands, long undecodableCommands, long results, long duplicateDeliveries,
                                 long deadLetters, long events, long aggregates, long snapshots,
                                 Map<String, Long> openTransactions, List<Violation> violations,
                                 Optional<InvariantReport> invariants) {

    public VerificationReport {
        openTransactions = Map.copyOf(openTransactions);
        violations = List.copyOf(violations);
    }

    /** Exactly once held, no transaction is open, and the saga's invariants (when checked) hold. */
    public boolean holds() {
        return violations.isEmpty() && invariants.map(InvariantReport::holds).orElse(true);
    }

    /** The violations' rule names, each once: what a test asserts on. */
    public List<String> brokenRules() {
        return violations.stream().map(Violation::rule).distinct().toList();
    }

    /** A summary fit for a log line or an assertion message, with the first violations. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("exactly once ").append(holds() ? "HOLDS" : "BROKEN").append(": ")
                .append(commands).append(" commands (").append(duplicateDeliveries).append(" sent again, ")
                .append(undecodableCommands).append(" undecodable), ").append(results).append(" results, ")
                .append(deadLetters).append(" dead letters, ").append(events).append(" events over ").append(aggregates)
                .append(" aggregates, ").append(snapshots).append(" snapshots, ").append(openTransactions.size())
                .append(" open transactions; ").append(violations.size()).append(" violations");
        violations.stream().limit(20).forEach(v -> text.append("\n  ").append(v));
        if (violations.size() > 20) {
            text.append("\n  ... and ").append(violations.size() - 20).append(" more");
        }
        text.append("\nsaga invariants: ").append(invariants.map(InvariantReport::toString).orElse("not checked"));
        return text.toString();
    }
}
