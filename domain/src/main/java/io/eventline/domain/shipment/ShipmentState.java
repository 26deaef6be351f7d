package io.eventline.domain.shipment;

import java.util.List;

/** The situation a shipment is in; once created it keeps its lines. */
public sealed interface ShipmentState {

    default ShipmentStatus status() {
        return switch (this) {
            case NotCreated n -> ShipmentStatus.NOT_CREATED;
            case Created c -> ShipmentStatus.CREATED;
            case Dispatched d -> ShipmentStatus.DISPATCHED;
            case Delivered d -> ShipmentStatus.DELIVERED;
        };
    }

    record NotCreated() implements ShipmentState {
    }

    record Created(String orderId, List<ShipmentLine> lines) implements ShipmentState {
        public Created {
            lines = List.copyOf(lines);
        }
    }

    record Dispatched(String orderId, List<ShipmentLine> lines) implements ShipmentState {
        public Dispatched {
            lines = List.copyOf(lines);
        }
    }

    record Delivered(String orderId, List<ShipmentLine> lines) implements ShipmentState {
        public Delivered {
            lines = List.copyOf(lines);
        }
    }
}
