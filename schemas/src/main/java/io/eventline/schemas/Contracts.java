package io.eventline.schemas;

import io.eventline.schemas.avro.account.AccountAggregate;
import io.eventline.schemas.avro.account.AccountCommandEnvelope;
import io.eventline.schemas.avro.account.AccountEventEnvelope;
import io.eventline.schemas.avro.common.CommandResult;
import io.eventline.schemas.avro.common.EventKey;
import io.eventline.schemas.avro.inventory.InventoryAggregate;
import io.eventline.schemas.avro.inventory.InventoryCommandEnvelope;
import io.eventline.schemas.avro.inventory.InventoryEventEnvelope;
import io.eventline.schemas.avro.order.OrderAggregate;
import io.eventline.schemas.avro.order.OrderCommandEnvelope;
import io.eventline.schemas.avro.order.OrderEventEnvelope;
import io.eventline.schemas.avro.shipment.ShipmentAggregate;
import io.eventline.schemas.avro.shipment.ShipmentCommandEnvelope;
import io.eventline.schemas.avro.shipment.ShipmentEventEnvelope;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The contracts that are written whole to a topic or a state store. Each has its released
 * versions in schema-history; the payloads, lines and snapshots inside them evolve with them.
 */
public final class Contracts {
    public static final List<Class<? extends SpecificRecord>> COMMAND_ENVELOPES = List.of(
            OrderCommandEnvelope.class, InventoryCommandEnvelope.class,
            AccountCommandEnvelope.class, ShipmentCommandEnvelope.class);

    public static final List<Class<? extends SpecificRecord>> EVENT_ENVELOPES = List.of(
            OrderEventEnvelope.class, InventoryEventEnvelope.class,
            AccountEventEnvelope.class, ShipmentEventEnvelope.class);

    public static final List<Class<? extends SpecificRecord>> AGGREGATES = List.of(
            OrderAggregate.class, InventoryAggregate.class, AccountAggregate.class, ShipmentAggregate.class);

    public static final List<Class<? extends SpecificRecord>> ALL = List.of(
            OrderCommandEnvelope.class, InventoryCommandEnvelope.class, AccountCommandEnvelope.class, ShipmentCommandEnvelope.class,
            OrderEventEnvelope.class, InventoryEventEnvelope.class, AccountEventEnvelope.class, ShipmentEventEnvelope.class,
            EventKey.class, CommandResult.class,
            OrderAggregate.class, InventoryAggregate.class, AccountAggregate.class, ShipmentAggregate.class);

    private Contracts() {
    }
}
