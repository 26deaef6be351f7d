package io.eventline.contracts.mapping;

import static io.eventline.contracts.mapping.Decoding.check;
import static io.eventline.contracts.mapping.Decoding.required;
import static io.eventline.contracts.mapping.Decoding.unknownPayload;

import io.eventline.domain.shipment.ShipmentCommand;
import io.eventline.domain.shipment.ShipmentEvent;
import io.eventline.domain.shipment.ShipmentLine;
import io.eventline.domain.shipment.ShipmentState;
import io.eventline.schemas.avro.shipment.CreateShipment;
import io.eventline.schemas.avro.shipment.DeliverShipment;
import io.eventline.schemas.avro.shipment.DispatchShipment;
import io.eventline.schemas.avro.shipment.ShipmentAggregate;
import io.eventline.schemas.avro.shipment.ShipmentCommandEnvelope;
import io.eventline.schemas.avro.shipment.ShipmentCreated;
import io.eventline.schemas.avro.shipment.ShipmentDelivered;
import io.eventline.schemas.avro.shipment.ShipmentDispatched;
import io.eventline.schemas.avro.shipment.ShipmentEventEnvelope;
import io.eventline.schemas.avro.shipment.ShipmentSnapshot;
import io.eventline.schemas.avro.shipment.ShipmentStatus;
import io.eventline.schemas.registry.SchemaRegistry;
import java.util.List;

/** Orders' shipments as {@link ShipmentCommandEnvelope}, {@link ShipmentEventEnvelope} and {@link ShipmentAggregate}. */
public final class ShipmentMapping
        extends EnvelopeMapping<ShipmentCommand, ShipmentState, ShipmentEvent,
                ShipmentCommandEnvelope, ShipmentEventEnvelope, ShipmentAggregate> {

    public ShipmentMapping(SchemaRegistry registry) {
        super(registry, ShipmentCommandEnvelope.class, ShipmentCommandEnvelope::new,
                ShipmentEventEnvelope.class, ShipmentEventEnvelope::new,
                ShipmentAggregate.class, ShipmentAggregate::new);
    }

    @Override
    public String aggregateIdOf(ShipmentCommand command) {
        return command.aggregateId();
    }

    @Override
    public String eventTypeOf(ShipmentEvent event) {
        return switch (event) {
            case ShipmentEvent.ShipmentCreated e -> "ShipmentCreated";
            case ShipmentEvent.ShipmentDispatched e -> "ShipmentDispatched";
            case ShipmentEvent.ShipmentDelivered e -> "ShipmentDelivered";
        };
    }

    @Override
    public String commandTypeOf(ShipmentCommand command) {
        return switch (command) {
            case ShipmentCommand.CreateShipment c -> "CreateShipment";
            case ShipmentCommand.DispatchShipment c -> "DispatchShipment";
            case ShipmentCommand.DeliverShipment c -> "DeliverShipment";
        };
    }

    @Override
    protected ShipmentCommand command(Object payload) {
        return switch (payload) {
            case CreateShipment p -> new ShipmentCommand.CreateShipment(p.getOrderId(), lines(p.getLines()));
            case DispatchShipment p -> new ShipmentCommand.DispatchShipment(p.getOrderId());
            case DeliverShipment p -> new ShipmentCommand.DeliverShipment(p.getOrderId());
            case null, default -> throw unknownPayload(payload);
        };
    }

    @Override
    protected Object commandPayload(ShipmentCommand command) {
        return switch (command) {
            case ShipmentCommand.CreateShipment c -> new CreateShipment(c.orderId(), avroLines(c.lines()));
            case ShipmentCommand.DispatchShipment c -> new DispatchShipment(c.orderId());
            case ShipmentCommand.DeliverShipment c -> new DeliverShipment(c.orderId());
        };
    }

    @Override
    protected ShipmentEvent event(Object payload) {
        return switch (payload) {
            case ShipmentCreated p -> new ShipmentEvent.ShipmentCreated(p.getOrderId(), lines(p.getLines()));
            case ShipmentDispatched p -> new ShipmentEvent.ShipmentDispatched(p.getOrderId());
            case ShipmentDelivered p -> new ShipmentEvent.ShipmentDelivered(p.getOrderId());
            case null, default -> throw unknownPayload(payload);
        };
    }

    @Override
    protected Object eventPayload(ShipmentEvent event) {
        return switch (event) {
            case ShipmentEvent.ShipmentCreated e -> new ShipmentCreated(e.orderId(), avroLines(e.lines()));
            case ShipmentEvent.ShipmentDispatched e -> new ShipmentDispatched(e.orderId());
            case ShipmentEvent.ShipmentDelivered e -> new ShipmentDelivered(e.orderId());
        };
    }

    @Override
    protected ShipmentState state(String orderId, Object snapshot) {
        ShipmentSnapshot s = (ShipmentSnapshot) snapshot;
        List<ShipmentLine> lines = lines(s.getLines());
        return switch (required(s.getStatus(), "status")) {
            case NOT_CREATED -> {
                check(lines.isEmpty(), "NOT_CREATED with the lines of a created shipment");
                yield new ShipmentState.NotCreated();
            }
            case CREATED -> new ShipmentState.Created(orderId, lines);
            case DISPATCHED -> new ShipmentState.Dispatched(orderId, lines);
            case DELIVERED -> new ShipmentState.Delivered(orderId, lines);
        };
    }

    @Override
    protected ShipmentSnapshot snapshot(ShipmentState state) {
        return switch (state) {
            case ShipmentState.NotCreated s -> new ShipmentSnapshot(ShipmentStatus.NOT_CREATED, List.of());
            case ShipmentState.Created s -> new ShipmentSnapshot(ShipmentStatus.CREATED, avroLines(s.lines()));
            case ShipmentState.Dispatched s -> new ShipmentSnapshot(ShipmentStatus.DISPATCHED, avroLines(s.lines()));
            case ShipmentState.Delivered s -> new ShipmentSnapshot(ShipmentStatus.DELIVERED, avroLines(s.lines()));
        };
    }

    private static List<ShipmentLine> lines(List<io.eventline.schemas.avro.shipment.ShipmentLine> lines) {
        return lines.stream().map(l -> new ShipmentLine(l.getSku(), l.getQuantity())).toList();
    }

    private static List<io.eventline.schemas.avro.shipment.ShipmentLine> avroLines(List<ShipmentLine> lines) {
        return lines.stream().map(l -> new io.eventline.schemas.avro.shipment.ShipmentLine(l.sku(), l.quantity())).toList();
    }
}
