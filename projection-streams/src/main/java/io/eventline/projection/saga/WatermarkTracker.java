package io.eventline.projection.saga;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/**
 * The saga's input watermark from observations of its consumer group, made in rounds: first the
 * group's committed offsets, then the end (last stable) offsets of every input partition, asked for
 * at a known instant. Pure: the polling is {@link CommittedInputWatermark}'s.
 *
 * <p>Two hops: an event or refusal is read from a source topic and, unless the saga at hand takes it
 * directly (see {@link OrderFulfilmentTopology}), written to the repartition topic in the same
 * transaction, then read from there by the saga. So the end offsets seen at instant M
 * are caught up in two steps: a later round's committed offsets reach M's source ends (everything in
 * the sources before M is repartitioned: the repartition writes committed with those offsets), and
 * a round after that reaches the repartition ends observed in that later round (asked for after its
 * committed offsets, so they include those writes). Then the watermark is M. Under steady load it
 * trails the wall clock by two or three rounds; idle, the same.
 */
final class WatermarkTracker {

    /** Rounds remembered while none catches up (a saga far behind): the oldest are dropped, newer ones say more anyway. */
    static final int MAX_PENDING = 1_000;

    private final Predicate<String> isRepartition;
    private final Deque<Observation> pending = new ArrayDeque<>();
    private volatile Instant watermark = Instant.EPOCH;

    private static final class Observation {
        final Instant at;
        final Map<TopicPartition, Long> sourceEnds;
        Map<TopicPartition, Long> repartitionEnds; // set once the sources caught up with sourceEnds

        Observation(Instant at, Map<TopicPartition, Long> sourceEnds) {
            this.at = at;
            this.sourceEnds = sourceEnds;
        }
    }

    WatermarkTracker(Set<String> repartitionTopics) {
        this.isRepartition = repartitionTopics::contains;
    }

    /**
     * One round: {@code committed}, the group's offsets, fetched before {@code ends}, the end offsets
     * of every input partition, which were asked for at {@code endsAt}.
     */
    synchronized void observe(Map<TopicPartition, Long> committed, Instant endsAt, Map<TopicPartition, Long> ends) {
        // Second hop first: rounds whose repartition ends were seen in an earlier round, before these offsets.
        Instant reached = null;
        for (Observation o : pending) {
            if (o.repartitionEnds != null && reaches(committed, o.repartitionEnds)) {
                reached = o.at;
            }
        }
        if (reached != null) {
            Instant caughtUp = reached;
            pending.removeIf(o -> !o.at.isAfter(caughtUp));
            if (caughtUp.isAfter(watermark)) {
                watermark = caughtUp;
            }
        }
        // First hop: rounds whose source ends these offsets reach; the repartition ends to reach next are this round's.
        Map<TopicPartition, Long> repartitionEnds = only(ends, isRepartition);
        for (Observation o : pending) {
            if (o.repartitionEnds == null && reaches(committed, o.sourceEnds)) {
                o.repartitionEnds = repartitionEnds;
            }
        }
        pending.addLast(new Observation(endsAt, only(ends, isRepartition.negate())));
        while (pending.size() > MAX_PENDING) {
            pending.removeFirst();
        }
    }

    Instant watermark() {
        return watermark;
    }

    /** Whether every partition with records up to {@code ends} has its committed offset there too. */
    private static boolean reaches(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (end.getValue() > 0 && committed.getOrDefault(end.getKey(), -1L) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Map<TopicPartition, Long> only(Map<TopicPartition, Long> ends, Predicate<String> topics) {
        Map<TopicPartition, Long> kept = new HashMap<>();
        ends.forEach((partition, end) -> {
            if (topics.test(partition.topic())) {
                kept.put(partition, end);
            }
        });
        return kept;
    }
}
