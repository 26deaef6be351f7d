package io.eventline.command.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.command.query.EventHistory.StoredEvent;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.contracts.StoredAggregate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Folding from checkpoints answers exactly what a fold from the first event answers, decodes only
 * the events after the nearest checkpoint, and never uses a checkpoint of a history that changed.
 */
class FoldCacheTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    final FoldCache cache = new FoldCache();
    final AtomicInteger decoded = new AtomicInteger();

    @Test
    void answers_every_version_and_instant_as_a_fold_from_the_first_event_does() {
        List<StoredEvent> events = history(300);
        for (long v : new long[] {1, 63, 64, 65, 128, 200, 300}) {
            assertThat(fold(events, Optional.of(v), Optional.empty())).as("version %d", v)
                    .isEqualTo(plainFold(events, Optional.of(v), Optional.empty()));
        }
        for (Instant at : List.of(T0.plusMillis(130_500), T0.plusSeconds(64), T0.plusSeconds(1), T0.plusSeconds(10_000))) {
            assertThat(fold(events, Optional.empty(), Optional.of(at))).as("at %s", at)
                    .isEqualTo(plainFold(events, Optional.empty(), Optional.of(at)));
        }
        assertThat(fold(events, Optional.empty(), Optional.empty())).isEqualTo(plainFold(events, Optional.empty(), Optional.empty()));
    }

    @Test
    void decodes_only_the_events_after_the_nearest_checkpoint() {
        List<StoredEvent> events = history(1_000);
        fold(events, Optional.empty(), Optional.empty());
        assertThat(decoded.getAndSet(0)).as("the first fold reads everything").isEqualTo(1_000);

        StoredAggregate<List<String>> latest = fold(events, Optional.empty(), Optional.empty());
        assertThat(decoded.getAndSet(0)).as("from the tip: the latest version folded").isZero();
        assertThat(latest.version()).isEqualTo(1_000);

        fold(events, Optional.of(970L), Optional.empty());
        assertThat(decoded.getAndSet(0)).as("from the checkpoint at 960").isEqualTo(10);

        List<StoredEvent> grown = history(1_010);
        assertThat(fold(grown, Optional.empty(), Optional.empty()).version()).isEqualTo(1_010);
        assertThat(decoded.getAndSet(0)).as("from the old tip at 1,000").isEqualTo(10);
    }

    @Test
    void a_rewritten_or_erased_event_before_a_checkpoint_is_never_hidden_by_it() {
        List<StoredEvent> events = history(200);
        fold(events, Optional.empty(), Optional.empty());

        List<StoredEvent> rewritten = new ArrayList<>(events);
        rewritten.set(9, new StoredEvent(10, "shredded".getBytes(StandardCharsets.UTF_8)));
        assertThat(fold(rewritten, Optional.empty(), Optional.empty()).state()).contains("shredded").doesNotContain("e10");
        assertThat(fold(rewritten, Optional.empty(), Optional.empty()))
                .isEqualTo(plainFold(rewritten, Optional.empty(), Optional.empty()));

        List<StoredEvent> erased = new ArrayList<>(events);
        erased.remove(9);
        assertThat(fold(erased, Optional.empty(), Optional.empty()))
                .isEqualTo(plainFold(erased, Optional.empty(), Optional.empty()));
        assertThat(fold(erased, Optional.of(150L), Optional.empty()).state()).doesNotContain("e10", "shredded");
    }

    /** Event i says "e<i>" and happened i seconds after T0; the state is every event's text, in order. */
    private static List<StoredEvent> history(int count) {
        return LongStream.rangeClosed(1, count).mapToObj(v -> new StoredEvent(v, ("e" + v).getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    private StoredAggregate<List<String>> fold(List<StoredEvent> events, Optional<Long> version, Optional<Instant> at) {
        return cache.fold("account/a-1", events, List.of(), FoldCacheTest::append, this::decode, version, at);
    }

    private StoredAggregate<List<String>> plainFold(List<StoredEvent> events, Optional<Long> version, Optional<Instant> at) {
        return new FoldCache().fold("plain", events, List.of(), FoldCacheTest::append, FoldCacheTest::decodeQuietly, version, at);
    }

    private static List<String> append(List<String> state, String event) {
        List<String> next = new ArrayList<>(state);
        next.add(event);
        return List.copyOf(next);
    }

    private EventEnvelope<String> decode(byte[] value) {
        decoded.incrementAndGet();
        return decodeQuietly(value);
    }

    private static EventEnvelope<String> decodeQuietly(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        long version = text.startsWith("e") ? Long.parseLong(text.substring(1)) : 10;
        return new EventEnvelope<>(new EventMetadata("id-" + version, "account", "a-1", version, T0.plusSeconds(version),
                "c", "corr", Optional.empty(), "test"), text);
    }
}
