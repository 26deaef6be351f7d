package io.eventline.projection.saga;

import io.eventline.domain.fulfilment.FulfilmentEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One input of the fulfilment saga and where it came from. The commands it causes are issued at
 * {@code occurredAt}, name {@code inputId} as their cause, and derive their ids from it.
 *
 * @param inputId       the event's id; for a refusal, the refused command's id; for a deadline, {@link #deadlineId}
 * @param correlationId the event's; empty for a refusal or a deadline, which carry none
 */
public record SagaInput(String inputId, Instant occurredAt, Optional<String> correlationId, FulfilmentEvent event) {

    public SagaInput {
        Objects.requireNonNull(inputId, "inputId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(event, "event");
    }

    public String orderId() {
        return event.orderId();
    }

    /**
     * The input id of one of an order's deadlines: an order may have several in turn (to be confirmed,
     * then to be shipped), each with its own due time; the commands one causes derive their ids from it.
     */
    static String deadlineId(String orderId, java.time.Instant due) {
        return "deadline/" + due.toEpochMilli() + "/" + orderId;
    }
}
