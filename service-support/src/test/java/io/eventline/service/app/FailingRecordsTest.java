package io.eventline.service.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class FailingRecordsTest {

    private static final FailingRecords.Coordinates AT = new FailingRecords.Coordinates("shop.order.commands", 2, 41);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final FailingRecords ledger = new FailingRecords(3, clock);

    @Test
    void gives_up_on_a_record_only_after_the_last_allowed_attempt() {
        ledger.failed(AT, new IllegalStateException("state no longer decodes"));
        ledger.failed(AT, new IllegalStateException("state no longer decodes"));
        assertThat(ledger.exhausted(AT)).isEmpty();

        ledger.failed(AT, new IllegalStateException("state no longer decodes"));

        assertThat(ledger.exhausted(AT)).hasValueSatisfying(f -> {
            assertThat(f.attempts()).isEqualTo(3);
            assertThat(f.describe()).contains("shop.order.commands/2@41", "3 times", "IllegalStateException");
        });
        assertThat(ledger.exhausted(new FailingRecords.Coordinates("shop.order.commands", 2, 42))).isEmpty();
    }

    @Test
    void counts_a_send_failure_once_though_it_surfaces_again_from_the_next_send_of_the_same_attempt() {
        // Kafka hands out one exception instance per error code: every attempt reports the same object.
        RecordTooLargeException refused = new RecordTooLargeException("too large");
        ledger.failedToSend(AT, refused);
        assertThat(ledger.failed(AT, new StreamsException("Error encountered sending record", refused))).isEmpty();
        ledger.failedToSend(AT, refused);
        ledger.failed(AT, new StreamsException("Error encountered sending record", refused));

        assertThat(ledger.exhausted(AT)).isEmpty();
        ledger.failedToSend(AT, refused);
        assertThat(ledger.exhausted(AT)).hasValueSatisfying(f -> assertThat(f.attempts()).isEqualTo(3));
    }

    @Test
    void a_failure_makes_the_service_unready_for_a_minute_after_it_last_happened() {
        ledger.failed(AT, new IllegalStateException("boom"));
        assertThat(ledger.recent()).hasSize(1);

        clock.advance(Duration.ofSeconds(61));

        assertThat(ledger.recent()).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
