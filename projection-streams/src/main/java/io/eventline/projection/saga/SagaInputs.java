package io.eventline.projection.saga;

import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.fulfilment.FulfilmentEvent;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.shipment.ShipmentEvent;
import java.util.Optional;

/**
 * Which events and results concern an order's fulfilment, as saga inputs. Everything else (stock
 * added, money deposited, accounts opened, confirmations the saga itself asked for, accepted
 * commands) is none of the saga's business and yields nothing.
 */
final class SagaInputs {

    /** Refusals carry a code; a result without one still must not leave the saga waiting. */
    static final String UNKNOWN_REFUSAL = "COMMAND_REJECTED";

    private SagaInputs() {}

    static Optional<SagaInput> ofOrder(EventEnvelope<OrderEvent> envelope) {
        return input(envelope.metadata(), switch (envelope.event()) {
            case OrderEvent.OrderPlaced e -> new FulfilmentEvent.OrderPlaced(e);
            case OrderEvent.OrderShipped e -> new FulfilmentEvent.OrderShipped(e);
            case OrderEvent.OrderCancelled e -> new FulfilmentEvent.OrderCancelled(e);
            case OrderEvent.OrderConfirmed e -> null;
            case OrderEvent.OrderDelivered e -> null;
        });
    }

    static Optional<SagaInput> ofInventory(EventEnvelope<InventoryEvent> envelope) {
        return input(envelope.metadata(), switch (envelope.event()) {
            case InventoryEvent.StockReserved e -> new FulfilmentEvent.StockReserved(e);
            case InventoryEvent.StockReservationFailed e -> new FulfilmentEvent.StockReservationFailed(e);
            case InventoryEvent.StockReleased e -> new FulfilmentEvent.StockReleased(e);
            case InventoryEvent.StockCommitted e -> new FulfilmentEvent.StockCommitted(e);
            case InventoryEvent.StockAdded e -> null;
        });
    }

    static Optional<SagaInput> ofAccount(EventEnvelope<AccountEvent> envelope) {
        return input(envelope.metadata(), switch (envelope.event()) {
            case AccountEvent.PaymentCharged e -> new FulfilmentEvent.PaymentCharged(e);
            case AccountEvent.PaymentDeclined e -> new FulfilmentEvent.PaymentDeclined(e);
            case AccountEvent.PaymentRefunded e -> new FulfilmentEvent.PaymentRefunded(e);
            case AccountEvent.AccountOpened e -> null;
            case AccountEvent.MoneyDeposited e -> null;
            case AccountEvent.AccountClosed e -> null;
        });
    }

    static Optional<SagaInput> ofShipment(EventEnvelope<ShipmentEvent> envelope) {
        return input(envelope.metadata(), switch (envelope.event()) {
            case ShipmentEvent.ShipmentCreated e -> new FulfilmentEvent.ShipmentCreated(e);
            case ShipmentEvent.ShipmentDispatched e -> null;
            case ShipmentEvent.ShipmentDelivered e -> null;
        });
    }

    /** A refusal of one of the saga's own commands; its id names the order and the kind. */
    static Optional<SagaInput> ofOutcome(CommandOutcome outcome) {
        if (outcome.accepted()) {
            return Optional.empty();
        }
        String code = outcome.rejection().map(CommandOutcome.RejectionReason::code).orElse(UNKNOWN_REFUSAL);
        return SagaCommandIds.parse(outcome.commandId()).map(sent -> new SagaInput(outcome.commandId(),
                outcome.processedAt(), Optional.empty(),
                new FulfilmentEvent.CommandRejected(sent.orderId(), sent.kind(), code)));
    }

    private static Optional<SagaInput> input(EventMetadata meta, FulfilmentEvent event) {
        return Optional.ofNullable(event).map(e -> new SagaInput(meta.eventId(), meta.occurredAt(),
                Optional.of(meta.correlationId()), e));
    }
}
