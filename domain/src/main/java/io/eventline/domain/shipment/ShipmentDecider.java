package io.eventline.domain.shipment;

import io.eventline.domain.core.Decider;
import io.eventline.domain.core.Rejection;
import io.eventline.domain.shipment.ShipmentCommand.CreateShipment;
import io.eventline.domain.shipment.ShipmentCommand.DeliverShipment;
import io.eventline.domain.shipment.ShipmentCommand.DispatchShipment;
import io.eventline.domain.shipment.ShipmentEvent.ShipmentCreated;
import io.eventline.domain.shipment.ShipmentEvent.ShipmentDelivered;
import io.eventline.domain.shipment.ShipmentEvent.ShipmentDispatched;
import io.eventline.domain.shipment.ShipmentState.Created;
import io.eventline.domain.shipment.ShipmentState.Delivered;
import io.eventline.domain.shipment.ShipmentState.Dispatched;
import io.eventline.domain.shipment.ShipmentState.NotCreated;
import java.util.HashSet;
import java.util.List;

/** An order's shipment: created, dispatched, delivered, in that order and each once. */
public final class ShipmentDecider implements Decider<ShipmentCommand, ShipmentState, ShipmentEvent> {

    static final int MAX_LINES = 100;

    @Override
    public ShipmentState initialState() {
        return new NotCreated();
    }

    @Override
    public List<ShipmentEvent> decide(ShipmentCommand command, ShipmentState state) {
        String id = command.orderId();
        return switch (command) {
            case CreateShipment create -> {
                if (!(state instanceof NotCreated)) {
                    throw new Rejection("SHIPMENT_ALREADY_CREATED", "the shipment of order " + id + " already exists");
                }
                checkLines(create.lines());
                yield List.of(new ShipmentCreated(id, create.lines()));
            }
            case DispatchShipment dispatch -> switch (state) {
                case NotCreated s -> throw notCreated(id);
                case Created s -> List.of(new ShipmentDispatched(id));
                case Dispatched s -> throw alreadyDispatched(id);
                case Delivered s -> throw alreadyDispatched(id);
            };
            case DeliverShipment deliver -> switch (state) {
                case NotCreated s -> throw notCreated(id);
                case Created s -> throw new Rejection("SHIPMENT_NOT_DISPATCHED", "the shipment of order " + id + " is not dispatched");
                case Dispatched s -> List.of(new ShipmentDelivered(id));
                case Delivered s -> throw new Rejection("SHIPMENT_ALREADY_DELIVERED", "the shipment of order " + id + " is already delivered");
            };
        };
    }

    @Override
    public ShipmentState evolve(ShipmentState state, ShipmentEvent event) {
        return switch (event) {
            case ShipmentCreated created -> new Created(created.orderId(), created.lines());
            case ShipmentDispatched dispatched -> new Dispatched(dispatched.orderId(), lines(state));
            case ShipmentDelivered delivered -> new Delivered(delivered.orderId(), lines(state));
        };
    }

    private static void checkLines(List<ShipmentLine> lines) {
        if (lines.isEmpty()) {
            throw new Rejection("NO_LINES", "a shipment needs at least one line");
        }
        if (lines.size() > MAX_LINES) {
            throw new Rejection("TOO_MANY_LINES", "a shipment has at most " + MAX_LINES + " lines, not " + lines.size());
        }
        var skus = new HashSet<String>();
        for (ShipmentLine line : lines) {
            if (line.sku() == null || line.sku().isBlank()) {
                throw new Rejection("INVALID_SKU", "every line needs a sku");
            }
            if (line.quantity() <= 0) {
                throw new Rejection("INVALID_QUANTITY", "quantity of " + line.sku() + " must be > 0, not " + line.quantity());
            }
            if (!skus.add(line.sku())) {
                throw new Rejection("DUPLICATE_SKU", "sku " + line.sku() + " appears on two lines");
            }
        }
    }

    private static List<ShipmentLine> lines(ShipmentState state) {
        return switch (state) {
            case NotCreated s -> throw new IllegalStateException("shipment event before ShipmentCreated: corrupt history");
            case Created s -> s.lines();
            case Dispatched s -> s.lines();
            case Delivered s -> s.lines();
        };
    }

    private static Rejection notCreated(String id) {
        return new Rejection("SHIPMENT_NOT_CREATED", "order " + id + " has no shipment");
    }

    private static Rejection alreadyDispatched(String id) {
        return new Rejection("SHIPMENT_ALREADY_DISPATCHED", "the shipment of order " + id + " is already dispatched");
    }
}
