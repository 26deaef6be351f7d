package io.eventline.launcher.faults;

import io.eventline.contracts.AggregateType;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.shipment.ShipmentCommand;
import io.eventline.domain.shipment.ShipmentLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What shoppers and back offices do, as short sequences of commands on one aggregate each: an order
 * through its life (or cancelled, or shipped too early and refused), stock reserved then committed
 * or released, a payment charged and maybe refunded, a shipment dispatched and delivered, a stale
 * expected version, a release of what was never reserved. With the saga, only orders, restocking and
 * deposits: the saga sends the rest.
 */
final class ShopFlows {

    private final String run;
    private final int customers;
    private final int skus;
    private final Random random;
    private final AggregateType<OrderCommand, ?, ?> orders;
    private final AggregateType<InventoryCommand, ?, ?> inventory;
    private final AggregateType<AccountCommand, ?, ?> accounts;
    private final AggregateType<ShipmentCommand, ?, ?> shipments;
    private long next;

    ShopFlows(String run, int customers, int skus, long seed, List<AggregateType<?, ?, ?>> types) {
        this.run = run;
        this.customers = customers;
        this.skus = skus;
        this.random = new Random(seed);
        this.orders = ShopWorkload.type(types, "order");
        this.inventory = ShopWorkload.type(types, "inventory");
        this.accounts = ShopWorkload.type(types, "account");
        this.shipments = ShopWorkload.type(types, "shipment");
    }

    List<Step<?>> next(boolean saga) {
        int dice = random.nextInt(100);
        if (saga) {
            String order = id("order");
            return dice < 70 ? List.of(Step.of(orders, order, place(order))) : dice < 85 ? restock() : deposit();
        }
        if (dice < 25) {
            return order();
        }
        if (dice < 45) {
            String sku = sku();
            String order = id("ref");
            return List.of(Step.of(inventory, sku, new InventoryCommand.AddStock(sku, 5)),
                    Step.of(inventory, sku, new InventoryCommand.ReserveStock(sku, order, 2)),
                    Step.of(inventory, sku, random.nextBoolean() ? new InventoryCommand.CommitStock(sku, order)
                            : new InventoryCommand.ReleaseStock(sku, order)));
        }
        if (dice < 65) {
            String customer = customer();
            String order = id("ref");
            List<Step<?>> steps = new ArrayList<>(List.of(Step.of(accounts, customer, new AccountCommand.DepositMoney(customer, 1_000)),
                    Step.of(accounts, customer, new AccountCommand.ChargePayment(customer, order, 500, "EUR"))));
            if (random.nextBoolean()) {
                steps.add(Step.of(accounts, customer, new AccountCommand.RefundPayment(customer, order)));
            }
            return steps;
        }
        if (dice < 80) {
            String order = id("shipment");
            return List.of(Step.of(shipments, order, new ShipmentCommand.CreateShipment(order, List.of(new ShipmentLine(sku(), 1)))),
                    Step.of(shipments, order, new ShipmentCommand.DispatchShipment(order)),
                    Step.of(shipments, order, new ShipmentCommand.DeliverShipment(order)));
        }
        if (dice < 90) { // a client that read version 1 long ago: a concurrency conflict, mostly
            String customer = customer();
            return List.of(Step.expecting(accounts, customer, 1, new AccountCommand.DepositMoney(customer, 10)));
        }
        String sku = sku(); // nothing was reserved for this order: refused by the rules
        return List.of(Step.of(inventory, sku, new InventoryCommand.ReleaseStock(sku, id("never-reserved"))));
    }

    private List<Step<?>> order() {
        String id = id("order");
        List<Step<?>> steps = new ArrayList<>(List.of(Step.of(orders, id, place(id))));
        switch (random.nextInt(3)) {
            case 0 -> steps.add(Step.of(orders, id, new OrderCommand.CancelOrder(id, "changed my mind")));
            case 1 -> steps.addAll(List.of(Step.of(orders, id, new OrderCommand.ShipOrder(id)), // refused: not confirmed
                    Step.of(orders, id, new OrderCommand.ConfirmOrder(id)), Step.of(orders, id, new OrderCommand.ShipOrder(id))));
            default -> steps.addAll(List.of(Step.of(orders, id, new OrderCommand.ConfirmOrder(id)),
                    Step.of(orders, id, new OrderCommand.ShipOrder(id)), Step.of(orders, id, new OrderCommand.DeliverOrder(id))));
        }
        return steps;
    }

    private OrderCommand.PlaceOrder place(String id) {
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            lines.add(new OrderLine(ShopWorkload.sku(run, (random.nextInt(skus) + i) % skus), 1 + random.nextInt(3),
                    100 + random.nextInt(1_400)));
        }
        return new OrderCommand.PlaceOrder(id, customer(), lines, "EUR");
    }

    /** Restocking skips the scarce skus and deposits the poor customers, so that some orders are compensated. */
    private List<Step<?>> restock() {
        String sku = ShopWorkload.sku(run, avoiding(skus, ShopWorkload.SCARCE_EVERY));
        return List.of(Step.of(inventory, sku, new InventoryCommand.AddStock(sku, 20)));
    }

    private List<Step<?>> deposit() {
        String customer = ShopWorkload.customer(run, avoiding(customers, ShopWorkload.POOR_EVERY));
        return List.of(Step.of(accounts, customer, new AccountCommand.DepositMoney(customer, 20_000)));
    }

    /** A number below {@code bound} that is no multiple of {@code every}. */
    private int avoiding(int bound, int every) {
        int n;
        do {
            n = random.nextInt(bound);
        } while (n % every == 0);
        return n;
    }

    private String customer() {
        return ShopWorkload.customer(run, random.nextInt(customers));
    }

    private String sku() {
        return ShopWorkload.sku(run, random.nextInt(skus));
    }

    private String id(String kind) {
        return run + "-" + kind + "-" + next++;
    }
}
