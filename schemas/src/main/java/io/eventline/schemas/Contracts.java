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
import io.eventline.schemas.avro.saga.OrderFulfilmentInput;
import io.eventline.schemas.avro.saga.OrderFulfilmentState;
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

    /** The sagas' repartitioned inputs and stored states. */
    public static final List<Class<? extends SpecificRecord>> SAGAS = List.of(
            OrderFulfilmentInput.class, OrderFulfilmentState.class);

    /** The read models' stored values, what their repartition topics and routing stores hold, and their parked records. */
    public static final List<Class<? extends SpecificRecord>> READ_MODELS = List.of(
            io.eventline.schemas.avro.readmodel.StoredOrderSummary.class,
            io.eventline.schemas.avro.readmodel.StoredCustomerStats.class,
            io.eventline.schemas.avro.readmodel.StoredDailySales.class,
            io.eventline.schemas.avro.readmodel.StoredStockLevel.class,
            io.eventline.schemas.avro.readmodel.StoredAccountBalance.class,
            io.eventline.schemas.avro.readmodel.OrderFacts.class,
            io.eventline.schemas.avro.readmodel.CustomerOrderEvent.class,
            io.eventline.schemas.avro.readmodel.ConfirmedOrderSale.class,
            io.eventline.schemas.avro.readmodel.ParkedRecords.class,
            io.eventline.schemas.avro.readmodel.ParkingDecision.class);

    public static final List<Class<? extends SpecificRecord>> ALL = java.util.stream.Stream.of(List.of(
            OrderCommandEnvelope.class, InventoryCommandEnvelope.class, AccountCommandEnvelope.class, ShipmentCommandEnvelope.class,
            OrderEventEnvelope.class, InventoryEventEnvelope.class, AccountEventEnvelope.class, ShipmentEventEnvelope.class,
            EventKey.class, CommandResult.class, io.eventline.schemas.avro.common.CommandDedupEntry.class,
            OrderAggregate.class, InventoryAggregate.class, AccountAggregate.class, ShipmentAggregate.class), SAGAS, READ_MODELS)
            .<Class<? extends SpecificRecord>>flatMap(List::stream).toList();

    private Contracts() {
    }
}
