package io.eventline.schemas.serde;

import io.eventline.schemas.avro.order.OrderConfirmed;
import io.eventline.schemas.avro.order.OrderEventEnvelope;
import io.eventline.schemas.avro.order.OrderLine;
import io.eventline.schemas.avro.order.OrderPlaced;
import java.time.Instant;
import java.util.List;

/** Readable sample contracts for tests that need one specific record, not a random one. */
final class Envelopes {
    private Envelopes() {
    }

    static OrderEventEnvelope orderPlaced() {
        return event(1, OrderPlaced.newBuilder().setOrderId("o-1").setCustomerId("alice")
                .setLines(List.of(new OrderLine("sku-1", 2, 1250L), new OrderLine("sku-2", 1, 99L)))
                .setCurrency("EUR").build());
    }

    static OrderEventEnvelope orderConfirmed() {
        return event(2, new OrderConfirmed("o-1"));
    }

    private static OrderEventEnvelope event(long version, Object payload) {
        return OrderEventEnvelope.newBuilder()
                .setEventId("cmd-" + version + ":0").setAggregateType("order").setAggregateId("o-1").setVersion(version)
                .setOccurredAt(Instant.parse("2025-03-01T10:15:30.123Z")).setCommandId("cmd-" + version)
                .setCorrelationId("corr-42").setCausationId(null).setActor("alice").setPayload(payload).build();
    }
}
