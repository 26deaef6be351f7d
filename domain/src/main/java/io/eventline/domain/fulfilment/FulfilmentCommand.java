package io.eventline.domain.fulfilment;

import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.shipment.ShipmentCommand;
import io.eventline.domain.shipment.ShipmentLine;
import java.util.List;

/**
 * What the fulfilment saga sends: one variant per kind, each wrapping the target aggregate's own
 * command, so the caller routes it by {@link #aggregateId()} and maps it with that aggregate's mapping.
 */
public sealed interface FulfilmentCommand {

    record ReserveStock(InventoryCommand.ReserveStock command) implements FulfilmentCommand {
    }

    record ChargePayment(AccountCommand.ChargePayment command) implements FulfilmentCommand {
    }

    record ConfirmOrder(OrderCommand.ConfirmOrder command) implements FulfilmentCommand {
    }

    record CreateShipment(ShipmentCommand.CreateShipment command) implements FulfilmentCommand {
    }

    record ShipOrder(OrderCommand.ShipOrder command) implements FulfilmentCommand {
    }

    record CommitStock(InventoryCommand.CommitStock command) implements FulfilmentCommand {
    }

    record ReleaseStock(InventoryCommand.ReleaseStock command) implements FulfilmentCommand {
    }

    record RefundPayment(AccountCommand.RefundPayment command) implements FulfilmentCommand {
    }

    record CancelOrder(OrderCommand.CancelOrder command) implements FulfilmentCommand {
    }

    default CommandKind kind() {
        return switch (this) {
            case ReserveStock c -> CommandKind.RESERVE_STOCK;
            case ChargePayment c -> CommandKind.CHARGE_PAYMENT;
            case ConfirmOrder c -> CommandKind.CONFIRM_ORDER;
            case CreateShipment c -> CommandKind.CREATE_SHIPMENT;
            case ShipOrder c -> CommandKind.SHIP_ORDER;
            case CommitStock c -> CommandKind.COMMIT_STOCK;
            case ReleaseStock c -> CommandKind.RELEASE_STOCK;
            case RefundPayment c -> CommandKind.REFUND_PAYMENT;
            case CancelOrder c -> CommandKind.CANCEL_ORDER;
        };
    }

    /** The id of the aggregate that receives the command: the key on its command topic. */
    default String aggregateId() {
        return switch (this) {
            case ReserveStock(var c) -> c.aggregateId();
            case ChargePayment(var c) -> c.aggregateId();
            case ConfirmOrder(var c) -> c.aggregateId();
            case CreateShipment(var c) -> c.aggregateId();
            case ShipOrder(var c) -> c.aggregateId();
            case CommitStock(var c) -> c.aggregateId();
            case ReleaseStock(var c) -> c.aggregateId();
            case RefundPayment(var c) -> c.aggregateId();
            case CancelOrder(var c) -> c.aggregateId();
        };
    }

    static FulfilmentCommand reserveStock(String sku, String orderId, int quantity) {
        return new ReserveStock(new InventoryCommand.ReserveStock(sku, orderId, quantity));
    }

    static FulfilmentCommand chargePayment(String customerId, String orderId, long amount, String currency) {
        return new ChargePayment(new AccountCommand.ChargePayment(customerId, orderId, amount, currency));
    }

    static FulfilmentCommand confirmOrder(String orderId) {
        return new ConfirmOrder(new OrderCommand.ConfirmOrder(orderId));
    }

    static FulfilmentCommand createShipment(String orderId, List<ShipmentLine> lines) {
        return new CreateShipment(new ShipmentCommand.CreateShipment(orderId, lines));
    }

    static FulfilmentCommand shipOrder(String orderId) {
        return new ShipOrder(new OrderCommand.ShipOrder(orderId));
    }

    static FulfilmentCommand commitStock(String sku, String orderId) {
        return new CommitStock(new InventoryCommand.CommitStock(sku, orderId));
    }

    static FulfilmentCommand releaseStock(String sku, String orderId) {
        return new ReleaseStock(new InventoryCommand.ReleaseStock(sku, orderId));
    }

    static FulfilmentCommand refundPayment(String customerId, String orderId) {
        return new RefundPayment(new AccountCommand.RefundPayment(customerId, orderId));
    }

    static FulfilmentCommand cancelOrder(String orderId, String reason) {
        return new CancelOrder(new OrderCommand.CancelOrder(orderId, reason));
    }
}
