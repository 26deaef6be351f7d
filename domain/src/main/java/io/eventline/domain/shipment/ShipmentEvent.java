package io.eventline.domain.shipment;

import java.util.List;

/** What happened to an order's shipment. The aggregate id is the orderId. */
public sealed interface ShipmentEvent {

    String orderId();

    default String aggregateId() {
        return orderId();
    }

    record ShipmentCreated(String orderId, List<ShipmentLine> lines) implements ShipmentEvent {
        public ShipmentCreated {
            lines = List.copyOf(lines);
        }
    }

    record ShipmentDispatched(String orderId) implements ShipmentEvent {
    }

    record ShipmentDelivered(String orderId) implements ShipmentEvent {
    }
}
