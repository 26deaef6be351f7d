package io.eventline.domain.shipment;

import java.util.List;

/** What can be asked of an order's shipment. The aggregate id is the orderId. */
public sealed interface ShipmentCommand {

    String orderId();

    default String aggregateId() {
        return orderId();
    }

    record CreateShipment(String orderId, List<ShipmentLine> lines) implements ShipmentCommand {
        public CreateShipment {
            lines = List.copyOf(lines);
        }
    }

    record DispatchShipment(String orderId) implements ShipmentCommand {
    }

    record DeliverShipment(String orderId) implements ShipmentCommand {
    }
}
