package io.eventline.command.query;

import io.eventline.command.query.EventHistory.StoredEvent;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.StoredAggregate;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * States of aggregates folded earlier, kept every {@value #EVERY} versions and at the latest version
 * folded (the tip, which a query for the current state meets again), so that a query folds
 * from the nearest checkpoint at or before what it asks (a version, an instant, or the latest)
 * and decodes only the events after it, instead of every event from the first on every call.
 *
 * <p>A checkpoint holds the SHA-256 of the versions and bytes of every event up to it, and is used
 * only when the history read now has the same digest there: an event erased (a tombstone) or
 * rewritten since makes it fail, and the aggregate's checkpoints are dropped. States are the
 * domain's immutable values. Bounded: at most {@value #MAX_AGGREGATES} aggregates (least recently
 * used out first), at most {@value #MAX_CHECKPOINTS} checkpoints each (the newest).
 */
final class FoldCache {

    static final int EVERY = 64;
    static final int MAX_AGGREGATES = 10_000;
    static final int MAX_CHECKPOINTS = 32;

    private record Checkpoint(long version, Instant at, Object state, byte[] digest) {}

    private final Map<String, NavigableMap<Long, Checkpoint>> byAggregate = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, NavigableMap<Long, Checkpoint>> eldest) {
            return size() > MAX_AGGREGATES;
        }
    };

    /**
     * The state after the events up to {@code version} and up to {@code at} (each when given): the
     * fold of {@code evolve} over {@code events} from {@code initial}, starting from a checkpoint.
     *
     * @param aggregate the aggregate's key in this cache (type and id)
     * @param decode    decodes one stored event: called only for the events folded now
     */
    @SuppressWarnings("unchecked")
    <S, E> StoredAggregate<S> fold(String aggregate, List<StoredEvent> events, S initial, BiFunction<S, E, S> evolve,
                                   Function<byte[], EventEnvelope<E>> decode, Optional<Long> version, Optional<Instant> at) {
        NavigableMap<Long, Checkpoint> known = checkpoints(aggregate);
        // The digest of the history read now at each version a checkpoint may stand at.
        Map<Long, byte[]> digests = new TreeMap<>();
        MessageDigest running = sha256();
        long last = events.isEmpty() ? 0 : events.getLast().version();
        for (StoredEvent event : events) {
            running.update(ByteBuffer.allocate(Long.BYTES).putLong(event.version()).array());
            running.update(event.value());
            if (event.version() % EVERY == 0 || event.version() == last || known.containsKey(event.version())) {
                digests.put(event.version(), digestSoFar(running));
            }
        }
        Checkpoint start = null;
        for (Checkpoint checkpoint : known.descendingMap().values()) {
            byte[] now = digests.get(checkpoint.version());
            if (now == null || !MessageDigest.isEqual(now, checkpoint.digest())) {
                if (now != null) {
                    // The history before this checkpoint changed (an erasure, a rewrite): forget them all.
                    forget(aggregate);
                    start = null;
                    break;
                }
                continue; // beyond what this read holds (a standby behind, say)
            }
            if (version.map(v -> checkpoint.version() <= v).orElse(true) && at.map(t -> !checkpoint.at().isAfter(t)).orElse(true)) {
                start = checkpoint;
                break;
            }
        }
        S state = start == null ? initial : (S) start.state();
        long folded = start == null ? 0 : start.version();
        Instant foldedAt = start == null ? Instant.EPOCH : start.at();
        for (StoredEvent stored : events) {
            if (stored.version() <= folded) {
                continue;
            }
            if (version.isPresent() && stored.version() > version.get()) {
                break;
            }
            EventEnvelope<E> event = decode.apply(stored.value());
            if (at.isPresent() && event.metadata().occurredAt().isAfter(at.get())) {
                break;
            }
            state = evolve.apply(state, event.event());
            folded = stored.version();
            foldedAt = event.metadata().occurredAt();
            byte[] digest = digests.get(folded);
            if (digest != null) {
                remember(aggregate, new Checkpoint(folded, foldedAt, state, digest));
            }
        }
        return new StoredAggregate<>(folded, foldedAt, state);
    }

    private synchronized NavigableMap<Long, Checkpoint> checkpoints(String aggregate) {
        NavigableMap<Long, Checkpoint> known = byAggregate.get(aggregate);
        return known == null ? new TreeMap<>() : new TreeMap<>(known);
    }

    private synchronized void remember(String aggregate, Checkpoint checkpoint) {
        NavigableMap<Long, Checkpoint> known = byAggregate.computeIfAbsent(aggregate, a -> new TreeMap<>());
        if (checkpoint.version() % EVERY != 0) {
            // The tip (the latest version folded): one per aggregate, replaced as the aggregate grows.
            known.keySet().removeIf(version -> version % EVERY != 0);
        }
        known.put(checkpoint.version(), checkpoint);
        while (known.size() > MAX_CHECKPOINTS) {
            known.pollFirstEntry();
        }
    }

    private synchronized void forget(String aggregate) {
        byAggregate.remove(aggregate);
    }

    private static byte[] digestSoFar(MessageDigest running) {
        try {
            return ((MessageDigest) running.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable in every JDK", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
