package io.eventline.contracts.mapping;

import io.eventline.contracts.AggregateType;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.account.AccountDecider;
import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.account.AccountState;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.inventory.InventoryDecider;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.inventory.InventoryState;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderDecider;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderState;
import io.eventline.domain.shipment.ShipmentCommand;
import io.eventline.domain.shipment.ShipmentDecider;
import io.eventline.domain.shipment.ShipmentEvent;
import io.eventline.domain.shipment.ShipmentState;
import io.eventline.schemas.registry.SchemaRegistry;
import java.util.List;

/** The sample domain's aggregate types, each a name (its topic segment), its decider and its mapping. */
public final class Aggregates {

    private Aggregates() {
    }

    /** Every aggregate type, in the order of {@code Topics.AGGREGATES}. */
    public static List<AggregateType<?, ?, ?>> all(SchemaRegistry registry) {
        return List.of(order(registry), inventory(registry), account(registry), shipment(registry));
    }

    public static AggregateType<OrderCommand, OrderState, OrderEvent> order(SchemaRegistry registry) {
        return new AggregateType<>("order", new OrderDecider(), new OrderMapping(registry));
    }

    public static AggregateType<InventoryCommand, InventoryState, InventoryEvent> inventory(SchemaRegistry registry) {
        return new AggregateType<>("inventory", new InventoryDecider(), new InventoryMapping(registry));
    }

    public static AggregateType<AccountCommand, AccountState, AccountEvent> account(SchemaRegistry registry) {
        return new AggregateType<>("account", new AccountDecider(), new AccountMapping(registry));
    }

    public static AggregateType<ShipmentCommand, ShipmentState, ShipmentEvent> shipment(SchemaRegistry registry) {
        return new AggregateType<>("shipment", new ShipmentDecider(), new ShipmentMapping(registry));
    }
}
