package io.eventline.verify;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.OutcomeCodec;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.AggregatePartitioner;
import io.eventline.contracts.DeadLetters;
import io.eventline.schemas.serde.EnvelopeHeaders;
import io.eventline.schemas.serde.UndecodableRecordException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.header.Header;

/**
 * One answer per command record, as Kafka's EOS verifier counts one output per input: every
 * decodable command record has exactly one result, a command sent again gets its first result
 * again (so the results of one command id are all equal), and every undecodable record has
 * exactly one dead letter.
 */
final class CommandChecks {

    private final OutcomeCodec outcomes;
    private final Findings findings;
    private final Map<String, Integer> deliveries = new HashMap<>();
    private final Map<String, List<CommandOutcome>> results = new LinkedHashMap<>();
    private final Set<String> undecodable = new TreeSet<>();
    private final Map<String, Integer> deadLettered = new HashMap<>();
    private final Set<String> misplaced = new TreeSet<>();
    private final Map<String, Integer> moves = new HashMap<>();

    CommandChecks(OutcomeCodec outcomes, Findings findings) {
        this.outcomes = outcomes;
        this.findings = findings;
    }

    void commands(AggregateType<?, ?, ?> type, List<LoggedRecord> records, int partitions) {
        for (LoggedRecord r : records) {
            try {
                CommandMetadata meta = type.codec().decodeCommand(r.topic(), r.headers(), r.value()).metadata();
                String id = meta.commandId();
                if (r.partition() != AggregatePartitioner.partitionOf(meta.aggregateId(), partitions)) {
                    // Not its aggregate's partition: the command service moves it, and answers the copy.
                    misplaced.add(r.topic() + "/" + r.partition() + "@" + r.offset());
                    continue;
                }
                Header movedFrom = r.headers().lastHeader(AggregatePartitioner.MOVED_FROM);
                if (movedFrom != null) {
                    moves.merge(new String(movedFrom.value(), StandardCharsets.UTF_8), 1, Integer::sum);
                }
                findings.commands++;
                if (deliveries.merge(id, 1, Integer::sum) > 1) {
                    findings.duplicateDeliveries++;
                }
            } catch (UndecodableRecordException e) {
                findings.undecodableCommands++;
                undecodable.add(r.position());
            }
        }
    }

    void results(List<LoggedRecord> records) {
        for (LoggedRecord r : records) {
            findings.results++;
            try {
                CommandOutcome outcome = outcomes.decodeOutcome(r.topic(), r.value());
                results.computeIfAbsent(outcome.commandId(), id -> new ArrayList<>()).add(outcome);
            } catch (RuntimeException e) {
                findings.violate("results decode", r.position(), String.valueOf(e.getMessage()));
            }
        }
    }

    void deadLetters(List<LoggedRecord> records) {
        for (LoggedRecord r : records) {
            findings.deadLetters++;
            String source = header(r, DeadLetters.SOURCE_TOPIC) + "-" + header(r, DeadLetters.SOURCE_PARTITION)
                    + "@" + header(r, DeadLetters.SOURCE_OFFSET);
            if (deadLettered.merge(source, 1, Integer::sum) == 2) {
                findings.violate("one dead letter per command record", source, "dead-lettered more than once");
            }
            if (DeadLetters.UNDECODABLE.equals(header(r, DeadLetters.REASON)) && !undecodable.contains(source)) {
                findings.violate("dead letters come from undecodable commands", source, "no such undecodable command record");
            }
        }
    }

    /** Checks what needs every record seen; returns each command's first outcome. */
    Map<String, CommandOutcome> finish() {
        undecodable.stream().filter(position -> !deadLettered.containsKey(position)).forEach(position ->
                findings.violate("undecodable commands are dead-lettered", position, "no dead letter"));
        for (String position : misplaced) {
            int copies = moves.getOrDefault(position, 0);
            if (copies != 1) {
                findings.violate("a command on another partition than its aggregate's is moved there once", position,
                        copies + " moved copies");
            }
        }
        Map<String, CommandOutcome> first = new HashMap<>();
        deliveries.forEach((id, sent) -> {
            List<CommandOutcome> answers = results.getOrDefault(id, List.of());
            if (answers.size() < sent) {
                findings.violate("a result for every command", id, sent + " command records, " + answers.size() + " results");
            } else if (answers.size() > sent) {
                findings.violate("no duplicate result", id, sent + " command records, " + answers.size() + " results");
            }
        });
        results.forEach((id, answers) -> {
            if (!deliveries.containsKey(id)) {
                findings.violate("a result only for a command sent", id, answers.size() + " results, no command record");
            }
            if (answers.stream().distinct().count() > 1) {
                findings.violate("a repeated command gets its first result again", id, "different results: " + answers);
            }
            first.put(id, answers.getFirst());
        });
        return first;
    }

    private static String header(LoggedRecord record, String name) {
        return Objects.requireNonNullElse(EnvelopeHeaders.text(record.headers(), name), "?");
    }
}
