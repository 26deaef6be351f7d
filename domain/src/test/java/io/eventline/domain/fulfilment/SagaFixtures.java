package io.eventline.domain.fulfilment;

import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.shipment.ShipmentEvent;
import io.eventline.domain.shipment.ShipmentLine;
import java.util.ArrayList;
import java.util.List;

/** One two-line order, the saga's inputs about it, and the commands it should send. */
final class SagaFixtures {

    static final String ORDER = "order-7";
    static final String ALICE = "alice";
    static final OrderLine A = new OrderLine("SKU-A", 2, 500);
    static final OrderLine B = new OrderLine("SKU-B", 1, 1_000);
    static final long TOTAL = 2_000;

    private SagaFixtures() {
    }

    static FulfilmentEvent placed() {
        return new FulfilmentEvent.OrderPlaced(new OrderEvent.OrderPlaced(ORDER, ALICE, List.of(A, B), "EUR"));
    }

    static FulfilmentEvent reserved(OrderLine line) {
        return new FulfilmentEvent.StockReserved(new InventoryEvent.StockReserved(line.sku(), ORDER, line.quantity()));
    }

    static FulfilmentEvent reservationFailed(OrderLine line) {
        return new FulfilmentEvent.StockReservationFailed(
                new InventoryEvent.StockReservationFailed(line.sku(), ORDER, line.quantity(), "INSUFFICIENT_STOCK"));
    }

    static FulfilmentEvent released(OrderLine line) {
        return new FulfilmentEvent.StockReleased(new InventoryEvent.StockReleased(line.sku(), ORDER, line.quantity()));
    }

    static FulfilmentEvent committed(OrderLine line) {
        return new FulfilmentEvent.StockCommitted(new InventoryEvent.StockCommitted(line.sku(), ORDER, line.quantity()));
    }

    static FulfilmentEvent charged() {
        return new FulfilmentEvent.PaymentCharged(new AccountEvent.PaymentCharged(ALICE, ORDER, TOTAL));
    }

    static FulfilmentEvent declined() {
        return new FulfilmentEvent.PaymentDeclined(
                new AccountEvent.PaymentDeclined(ALICE, ORDER, TOTAL, "INSUFFICIENT_FUNDS"));
    }

    static FulfilmentEvent refunded() {
        return new FulfilmentEvent.PaymentRefunded(new AccountEvent.PaymentRefunded(ALICE, ORDER, TOTAL));
    }

    static FulfilmentEvent shipmentCreated() {
        return new FulfilmentEvent.ShipmentCreated(new ShipmentEvent.ShipmentCreated(ORDER, shipmentLines()));
    }

    static FulfilmentEvent shipped() {
        return new FulfilmentEvent.OrderShipped(new OrderEvent.OrderShipped(ORDER));
    }

    static FulfilmentEvent cancelled(String reason) {
        return new FulfilmentEvent.OrderCancelled(new OrderEvent.OrderCancelled(ORDER, reason));
    }

    static FulfilmentEvent rejected(CommandKind kind, String code) {
        return new FulfilmentEvent.CommandRejected(ORDER, kind, code);
    }

    static FulfilmentEvent deadline() {
        return new FulfilmentEvent.DeadlinePassed(ORDER);
    }

    static FulfilmentCommand reserve(OrderLine line) {
        return FulfilmentCommand.reserveStock(line.sku(), ORDER, line.quantity());
    }

    static FulfilmentCommand charge() {
        return FulfilmentCommand.chargePayment(ALICE, ORDER, TOTAL, "EUR");
    }

    static FulfilmentCommand confirm() {
        return FulfilmentCommand.confirmOrder(ORDER);
    }

    static FulfilmentCommand createShipment() {
        return FulfilmentCommand.createShipment(ORDER, shipmentLines());
    }

    static FulfilmentCommand ship() {
        return FulfilmentCommand.shipOrder(ORDER);
    }

    static FulfilmentCommand commit(OrderLine line) {
        return FulfilmentCommand.commitStock(line.sku(), ORDER);
    }

    static FulfilmentCommand release(OrderLine line) {
        return FulfilmentCommand.releaseStock(line.sku(), ORDER);
    }

    static FulfilmentCommand refund() {
        return FulfilmentCommand.refundPayment(ALICE, ORDER);
    }

    static FulfilmentCommand cancel(String reason) {
        return FulfilmentCommand.cancelOrder(ORDER, reason);
    }

    static List<ShipmentLine> shipmentLines() {
        return List.of(new ShipmentLine(A.sku(), A.quantity()), new ShipmentLine(B.sku(), B.quantity()));
    }

    /** Runs the saga as its topology does: evolve, then react; remembers every command sent. */
    static final class SagaRun {
        final OrderFulfilment saga = new OrderFulfilment();
        final List<FulfilmentCommand> sent = new ArrayList<>();
        FulfilmentState state = saga.initialState();

        List<FulfilmentCommand> on(FulfilmentEvent... events) {
            var commands = new ArrayList<FulfilmentCommand>();
            for (FulfilmentEvent event : events) {
                state = saga.evolve(state, event);
                commands.addAll(saga.react(state, event));
            }
            sent.addAll(commands);
            return commands;
        }

        FulfilmentStatus status() {
            return state.status();
        }

        boolean terminal() {
            return saga.isTerminal(state);
        }
    }
}
