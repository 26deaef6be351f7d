package io.eventline.projection.saga;

import io.eventline.domain.fulfilment.FulfilmentState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the saga tells an operator: sagas parked as STUCK (a counter, and a WARN line naming the
 * order and why), and how far behind the wall clock its deadlines may fire (the input watermark's lag).
 */
final class SagaMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(SagaMetrics.class);

    private final Counter parked;
    private final AtomicLong watermarkLagMillis = new AtomicLong();

    SagaMetrics(MeterRegistry meters) {
        this.parked = Counter.builder("eventline_saga_parked").description(
                "Sagas parked as STUCK: a deadline passed when they could no longer compensate (GET /sagas/order-fulfilment/{orderId})")
                .register(meters);
        Gauge.builder("eventline_saga_deadline_watermark_lag_seconds", watermarkLagMillis, lag -> lag.get() / 1000.0)
                .description("How far behind the wall clock the saga's input is known to be processed: deadlines due later wait")
                .register(meters);
    }

    static SagaMetrics none() {
        return new SagaMetrics(new SimpleMeterRegistry());
    }

    void parked(FulfilmentState state) {
        parked.increment();
        LOG.warn("order-fulfilment: saga of order {} parked as STUCK: {}", state.orderId(), state.stuck());
    }

    void watermark(Instant now, Instant processedUpTo) {
        watermarkLagMillis.set(Math.max(0, Duration.between(processedUpTo, now).toMillis()));
    }
}
