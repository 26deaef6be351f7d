package io.eventline.verify;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.StoredAggregate;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.contracts.AggregatePartitioner;
import io.eventline.domain.core.Deciders;
import io.eventline.schemas.avro.common.EventKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One aggregate type's history: per aggregate, versions 1..n with no gap and no duplicate, each
 * event keyed by its (id, version) in its aggregate's partition, written together with its
 * command's accepted result; and the stored state (the latest snapshot in the command service's
 * changelog) at version n and equal to the fold of the n events.
 */
final class AggregateChecks<C, S, E> {

    private final AggregateType<C, S, E> type;
    private final AvroOutcomeCodec keys;
    private final Findings findings;
    private final Map<String, List<E>> histories = new HashMap<>();
    private final Map<String, Long> lastVersion = new HashMap<>();
    private final Set<String> eventIds = new HashSet<>();
    private final Set<String> erased = new HashSet<>();

    AggregateChecks(AggregateType<C, S, E> type, AvroOutcomeCodec keys, Findings findings) {
        this.type = type;
        this.keys = keys;
        this.findings = findings;
    }

    void events(List<LoggedRecord> records, int partitions, Map<String, CommandOutcome> firstOutcomes) {
        // An erased event (a tombstone) leaves a history that no longer folds: such aggregates are skipped.
        records.stream().filter(r -> r.value() == null).forEach(r -> erased.add(key(r).getAggregateId()));
        for (LoggedRecord r : records) {
            if (r.value() == null || erased.contains(key(r).getAggregateId())) {
                continue;
            }
            EventEnvelope<E> event;
            try {
                event = type.codec().decodeEvent(r.topic(), r.headers(), r.value());
            } catch (RuntimeException e) {
                findings.violate("events decode", r.position(), String.valueOf(e.getMessage()));
                continue;
            }
            findings.events++;
            String id = event.metadata().aggregateId();
            long version = event.metadata().version();
            String subject = type.name() + " " + id;
            long previous = lastVersion.getOrDefault(id, 0L);
            if (version <= previous) {
                findings.violate("no duplicate version", subject, "version " + version + " after " + previous + " at " + r.position());
            } else if (version != previous + 1) {
                findings.violate("versions without gaps", subject, "version " + version + " after " + previous + " at " + r.position());
            }
            lastVersion.put(id, Math.max(previous, version));
            histories.computeIfAbsent(id, k -> new ArrayList<>()).add(event.event());
            EventKey key = key(r);
            if (!key.getAggregateId().equals(id) || key.getVersion() != version) {
                findings.violate("each event keyed by its aggregate and version", subject, "key " + key + " at " + r.position());
            }
            if (r.partition() != AggregatePartitioner.partitionOf(id, partitions)) {
                findings.violate("events in their aggregate's partition", subject, "found at " + r.position());
            }
            if (!eventIds.add(event.metadata().eventId())) {
                findings.violate("no duplicate event", subject, "event " + event.metadata().eventId() + " again at " + r.position());
            }
            CommandOutcome outcome = firstOutcomes.get(event.metadata().commandId());
            if (outcome == null || !outcome.accepted() || !outcome.eventIds().contains(event.metadata().eventId())) {
                findings.violate("every event has its command's accepted result", subject, "version " + version
                        + " of command " + event.metadata().commandId() + ", whose result is " + outcome);
            }
        }
        findings.aggregates += histories.size();
    }

    /** Every accepted result of this type names events that were appended, the last at the result's version. */
    void results(Map<String, CommandOutcome> firstOutcomes) {
        firstOutcomes.values().stream()
                .filter(o -> o.accepted() && o.aggregateType().equals(type.name()) && !o.eventIds().isEmpty())
                .filter(o -> !erased.contains(o.aggregateId()))
                .forEach(o -> {
                    if (!eventIds.containsAll(o.eventIds())) {
                        findings.violate("every accepted result has its events", o.commandId(), "events " + o.eventIds()
                                + " of " + type.name() + " " + o.aggregateId() + " are not all in the event topic");
                    } else if (o.version() > lastVersion.getOrDefault(o.aggregateId(), 0L)) {
                        findings.violate("every accepted result has its events", o.commandId(), "version " + o.version()
                                + " but " + type.name() + " " + o.aggregateId() + " has " + lastVersion.get(o.aggregateId()));
                    }
                });
    }

    /** Compares the latest snapshot of each aggregate with the fold of its events. */
    void snapshots(String changelogTopic, List<LoggedRecord> changelog) {
        Map<String, byte[]> latest = new HashMap<>();
        changelog.forEach(r -> latest.put(new String(r.key(), StandardCharsets.UTF_8), r.value()));
        latest.values().removeIf(v -> v == null); // a deleted state
        findings.snapshots += latest.size();
        latest.forEach((id, bytes) -> {
            if (!histories.containsKey(id) && !erased.contains(id)) {
                findings.violate("no snapshot without events", type.name() + " " + id, "a stored state but no event");
            }
        });
        histories.forEach((id, events) -> {
            String subject = type.name() + " " + id;
            byte[] bytes = latest.get(id);
            if (bytes == null) {
                findings.violate("every aggregate has its snapshot", subject, events.size() + " events, no stored state");
                return;
            }
            StoredAggregate<S> stored = type.codec().decodeState(changelogTopic, id, bytes);
            S folded = Deciders.fold(type.decider(), events);
            if (stored.version() != lastVersion.get(id)) {
                findings.violate("snapshot at the last version", subject, "stored version " + stored.version()
                        + ", events up to " + lastVersion.get(id));
            } else if (!stored.state().equals(folded)) {
                findings.violate("snapshot equals the fold of its events", subject, "stored " + stored.state()
                        + " but the events fold to " + folded);
            }
        });
    }

    private EventKey key(LoggedRecord r) {
        try {
            return keys.decodeEventKey(r.topic(), r.key());
        } catch (RuntimeException e) {
            return new EventKey("(undecodable key at " + r.position() + ")", -1L);
        }
    }
}
