package io.eventline.verify;

import io.eventline.projection.saga.InvariantReport.Violation;
import java.util.ArrayList;
import java.util.List;

/** What the checks count and find while they go through a {@link PipelineLog}. */
final class Findings {

    long commands;
    long undecodableCommands;
    long results;
    long duplicateDeliveries;
    long deadLetters;
    long events;
    long aggregates;
    long snapshots;
    private final List<Violation> violations = new ArrayList<>();

    void violate(String rule, String subject, String detail) {
        violations.add(new Violation(rule, subject, detail));
    }

    List<Violation> violations() {
        return List.copyOf(violations);
    }
}
