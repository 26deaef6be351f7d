package io.eventline.domain.fulfilment;

import static io.eventline.domain.fulfilment.FulfilmentCommand.cancelOrder;
import static io.eventline.domain.fulfilment.FulfilmentCommand.chargePayment;
import static io.eventline.domain.fulfilment.FulfilmentCommand.commitStock;
import static io.eventline.domain.fulfilment.FulfilmentCommand.confirmOrder;
import static io.eventline.domain.fulfilment.FulfilmentCommand.createShipment;
import static io.eventline.domain.fulfilment.FulfilmentCommand.refundPayment;
import static io.eventline.domain.fulfilment.FulfilmentCommand.releaseStock;
import static io.eventline.domain.fulfilment.FulfilmentCommand.reserveStock;
import static io.eventline.domain.fulfilment.FulfilmentCommand.shipOrder;

import io.eventline.domain.core.ProcessManager;
import io.eventline.domain.fulfilment.FulfilmentEvent.CommandRejected;
import io.eventline.domain.fulfilment.FulfilmentEvent.DeadlinePassed;
import io.eventline.domain.fulfilment.FulfilmentEvent.OrderCancelled;
import io.eventline.domain.fulfilment.FulfilmentEvent.OrderPlaced;
import io.eventline.domain.fulfilment.FulfilmentEvent.OrderShipped;
import io.eventline.domain.fulfilment.FulfilmentEvent.PaymentCharged;
import io.eventline.domain.fulfilment.FulfilmentEvent.PaymentDeclined;
import io.eventline.domain.fulfilment.FulfilmentEvent.PaymentRefunded;
import io.eventline.domain.fulfilment.FulfilmentEvent.ShipmentCreated;
import io.eventline.domain.fulfilment.FulfilmentEvent.StockCommitted;
import io.eventline.domain.fulfilment.FulfilmentEvent.StockReleased;
import io.eventline.domain.fulfilment.FulfilmentEvent.StockReservationFailed;
import io.eventline.domain.fulfilment.FulfilmentEvent.StockReserved;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.shipment.ShipmentLine;
import java.util.ArrayList;
import java.util.List;

/**
 * The order fulfilment saga, keyed by orderId. An order placed gets its stock reserved, line by line,
 * and its payment charged; once all succeeded it is confirmed and shipped, and once shipped its stock committed.
 * A failed reservation or charge, a refused one, a cancellation, or the deadline before confirmation
 * starts compensation: release what is reserved, refund what is charged, cancel the order.
 *
 * <p>Each input only adds to what the state knows. The commands owed are then derived from those
 * facts alone, and any not sent before are sent now. That is why inputs may come in any order or
 * twice: an event before OrderPlaced is acted on when the order arrives, a duplicate owes nothing new,
 * and a reservation or charge that lands after compensation started is released or refunded too.
 */
public final class OrderFulfilment implements ProcessManager<FulfilmentEvent, FulfilmentState, FulfilmentCommand> {

    public static final String DEADLINE_PASSED = "DEADLINE_PASSED";

    @Override
    public FulfilmentState initialState() {
        return FulfilmentState.initial();
    }

    @Override
    public FulfilmentState evolve(FulfilmentState state, FulfilmentEvent event) {
        FulfilmentState learnt = learn(state.identified(event.orderId()), event);
        // A parked saga that learns something new is moving again; a refusal or a deadline is not news.
        boolean news = !learnt.equals(state) && !(event instanceof CommandRejected) && !(event instanceof DeadlinePassed);
        FulfilmentState known = news ? learnt.unparked() : learnt;
        if (known.stuck() != null) {
            return known.sending(List.of()); // parked: it sends nothing more on its own
        }
        return known.sending(owed(known).stream().filter(c -> !known.steps().contains(c)).toList());
    }

    @Override
    public List<FulfilmentCommand> react(FulfilmentState state, FulfilmentEvent event) {
        return state.due();
    }

    @Override
    public boolean isTerminal(FulfilmentState state) {
        return state.status().isTerminal();
    }

    private static FulfilmentState learn(FulfilmentState s, FulfilmentEvent event) {
        return switch (event) {
            case OrderPlaced(var placed) -> s.placed(placed);
            case StockReserved(var reserved) -> s.reservedSku(reserved.sku());
            case StockReservationFailed(var failed) -> unlessConfirmed(s, failed.reason());
            case PaymentCharged(var charged) -> s.charged(charged);
            case PaymentDeclined(var declined) -> unlessConfirmed(s, declined.reason());
            case ShipmentCreated created -> s.createdShipment();
            case OrderShipped shipped -> s.shippedOrder();
            // Whoever cancelled it, a cancelled order must not keep stock or money.
            case OrderCancelled(var cancelled) -> s.shipped() ? s : s.cancelledOrder().compensating(cancelled.reason());
            case StockReleased(var released) -> s.releasedSku(released.sku());
            case StockCommitted(var committed) -> s.committedSku(committed.sku());
            case PaymentRefunded refunded -> s.refundedPayment();
            case CommandRejected rejected -> switch (rejected.commandKind()) {
                case RESERVE_STOCK, CHARGE_PAYMENT -> unlessConfirmed(s, rejected.code());
                // Refusals of later steps are mostly answered by events the saga already awaits (a
                // cancelled order refuses ShipOrder, and its OrderCancelled compensates); kept, so
                // that a saga the deadline parks says what was refused.
                case CONFIRM_ORDER, CREATE_SHIPMENT, SHIP_ORDER, COMMIT_STOCK,
                     RELEASE_STOCK, REFUND_PAYMENT, CANCEL_ORDER -> s.refusedStep(rejected.commandKind() + " refused: "
                        + rejected.code());
            };
            case DeadlinePassed deadline -> deadlinePassed(s);
        };
    }

    /**
     * Before confirmation, the deadline compensates. After it, or once compensating, there is nothing
     * left to undo with: the saga is parked as STUCK, with what it was waiting for and the last refusal.
     */
    private static FulfilmentState deadlinePassed(FulfilmentState s) {
        if (s.status().isTerminal() || s.stuck() != null) {
            return s;
        }
        if (!s.confirmed() && s.reason() == null) {
            return s.compensating(DEADLINE_PASSED);
        }
        return s.parked(DEADLINE_PASSED + " while " + s.flowStatus() + ", waiting for " + awaited(s)
                + (s.refused() == null ? "" : "; last refusal: " + s.refused()));
    }

    /** What a confirmed or compensating saga still waits for, in words. */
    private static String awaited(FulfilmentState s) {
        List<String> waits = new ArrayList<>();
        if (s.reason() != null) {
            s.held().forEach(sku -> waits.add("StockReleased(" + sku + ")"));
            if (s.charge() != null && !s.refunded()) {
                waits.add("PaymentRefunded");
            }
            if (s.order() != null && !s.cancelled()) {
                waits.add("OrderCancelled");
            }
        } else if (!s.shipmentCreated()) {
            waits.add("ShipmentCreated");
        } else if (!s.shipped()) {
            waits.add("OrderShipped");
        } else {
            s.order().lines().stream().filter(line -> !s.committed().contains(line.sku()))
                    .forEach(line -> waits.add("StockCommitted(" + line.sku() + ")"));
        }
        return waits.isEmpty() ? "nothing" : String.join(", ", waits);
    }

    private static FulfilmentState unlessConfirmed(FulfilmentState s, String reason) {
        return s.confirmed() ? s : s.compensating(reason);
    }

    /** Every command the facts call for, sent or not; {@link #evolve} keeps those not yet sent. */
    private static List<FulfilmentCommand> owed(FulfilmentState s) {
        var owed = new ArrayList<FulfilmentCommand>();
        String id = s.orderId();
        if (s.reason() != null) {
            s.held().forEach(sku -> owed.add(releaseStock(sku, id)));
            if (s.charge() != null && !s.refunded()) {
                owed.add(refundPayment(s.charge().customerId(), id));
            }
            if (s.order() != null && !s.cancelled()) {
                owed.add(cancelOrder(id, s.reason()));
            }
            return owed;
        }
        if (s.order() == null) {
            return owed;
        }
        List<OrderLine> lines = s.order().lines();
        lines.stream().filter(line -> !s.reserved().contains(line.sku()))
                .forEach(line -> owed.add(reserveStock(line.sku(), id, line.quantity())));
        if (s.charge() == null) {
            owed.add(chargePayment(s.order().customerId(), id, s.order().total(), s.order().currency()));
        }
        if (!owed.isEmpty()) {
            return owed;
        }
        owed.add(confirmOrder(id));
        if (!s.shipmentCreated()) {
            owed.add(createShipment(id, lines.stream().map(l -> new ShipmentLine(l.sku(), l.quantity())).toList()));
            return owed;
        }
        if (!s.shipped()) {
            // Stock is committed only once the order shipped: until then the order can still be
            // cancelled, and committed stock could not be released any more.
            owed.add(shipOrder(id));
            return owed;
        }
        lines.stream().filter(line -> !s.committed().contains(line.sku()))
                .forEach(line -> owed.add(commitStock(line.sku(), id)));
        return owed;
    }
}
