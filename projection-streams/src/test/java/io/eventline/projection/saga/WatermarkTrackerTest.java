package io.eventline.projection.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class WatermarkTrackerTest {

    static final TopicPartition EVENTS = new TopicPartition("shop.order.events", 0);
    static final TopicPartition RESULTS = new TopicPartition("shop.command-results", 0);
    static final TopicPartition INPUTS = new TopicPartition("saga-inputs-repartition", 0);
    static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    final WatermarkTracker tracker = new WatermarkTracker(Set.of(INPUTS.topic()));

    @Test
    void the_watermark_is_a_rounds_instant_once_its_sources_and_then_its_repartition_are_processed() {
        tracker.observe(Map.of(), T, Map.of(EVENTS, 10L, RESULTS, 4L, INPUTS, 0L));
        assertThat(tracker.watermark()).isEqualTo(Instant.EPOCH);

        // The sources processed to T's ends; those inputs were repartitioned, up to 12.
        tracker.observe(Map.of(EVENTS, 10L, RESULTS, 4L), T.plusSeconds(1), Map.of(EVENTS, 10L, RESULTS, 4L, INPUTS, 12L));
        assertThat(tracker.watermark()).as("repartitioned, not yet processed by the saga").isEqualTo(Instant.EPOCH);

        tracker.observe(Map.of(EVENTS, 10L, RESULTS, 4L, INPUTS, 11L), T.plusSeconds(2), Map.of(EVENTS, 10L, RESULTS, 4L, INPUTS, 12L));
        assertThat(tracker.watermark()).as("one input still waits in the repartition topic").isEqualTo(Instant.EPOCH);

        tracker.observe(Map.of(EVENTS, 10L, RESULTS, 4L, INPUTS, 12L), T.plusSeconds(3), Map.of(EVENTS, 10L, RESULTS, 4L, INPUTS, 12L));
        assertThat(tracker.watermark()).as("every input committed before T is processed; later rounds need one more")
                .isEqualTo(T.plusSeconds(1));
    }

    @Test
    void a_backlog_in_a_source_holds_the_watermark_however_long_the_saga_runs() {
        for (int i = 0; i < 10; i++) {
            tracker.observe(Map.of(EVENTS, 5L, INPUTS, 3L), T.plusSeconds(i), Map.of(EVENTS, 100L, RESULTS, 0L, INPUTS, 3L));
        }
        assertThat(tracker.watermark()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void under_steady_load_it_advances_a_few_rounds_behind() {
        long end = 0;
        for (int i = 0; i < 10; i++) {
            long committed = end; // the saga keeps up with what was there one round earlier
            end += 50;
            tracker.observe(Map.of(EVENTS, committed, INPUTS, committed), T.plusSeconds(i), Map.of(EVENTS, end, INPUTS, committed));
        }
        assertThat(tracker.watermark()).isBetween(T.plusSeconds(6), T.plusSeconds(8));
    }

    @Test
    void an_empty_partition_needs_no_committed_offset_and_a_partition_with_records_does() {
        tracker.observe(Map.of(), T, Map.of(EVENTS, 0L, RESULTS, 0L, INPUTS, 0L));
        tracker.observe(Map.of(), T.plusSeconds(1), Map.of(EVENTS, 0L, RESULTS, 1L, INPUTS, 0L));
        tracker.observe(Map.of(), T.plusSeconds(2), Map.of(EVENTS, 0L, RESULTS, 1L, INPUTS, 0L));
        assertThat(tracker.watermark()).as("idle: caught up").isEqualTo(T);
        tracker.observe(Map.of(), T.plusSeconds(3), Map.of(EVENTS, 0L, RESULTS, 1L, INPUTS, 0L));
        assertThat(tracker.watermark()).as("the result written after T is not processed").isEqualTo(T);
    }
}
