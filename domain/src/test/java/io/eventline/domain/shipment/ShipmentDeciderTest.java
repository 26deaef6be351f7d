package io.eventline.domain.shipment;

import static io.eventline.domain.testing.DeciderSpec.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.domain.shipment.ShipmentCommand.CreateShipment;
import io.eventline.domain.shipment.ShipmentCommand.DeliverShipment;
import io.eventline.domain.shipment.ShipmentCommand.DispatchShipment;
import io.eventline.domain.shipment.ShipmentEvent.ShipmentCreated;
import io.eventline.domain.shipment.ShipmentEvent.ShipmentDelivered;
import io.eventline.domain.shipment.ShipmentEvent.ShipmentDispatched;
import io.eventline.domain.shipment.ShipmentState.Created;
import io.eventline.domain.shipment.ShipmentState.Delivered;
import io.eventline.domain.shipment.ShipmentState.Dispatched;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShipmentDeciderTest {

    static final String ORDER = "order-1";
    static final List<ShipmentLine> LINES = List.of(new ShipmentLine("SKU-1", 2), new ShipmentLine("SKU-2", 1));

    final ShipmentDecider shipments = new ShipmentDecider();
    final ShipmentCreated created = new ShipmentCreated(ORDER, LINES);
    final ShipmentDispatched dispatched = new ShipmentDispatched(ORDER);
    final ShipmentDelivered delivered = new ShipmentDelivered(ORDER);

    static List<ShipmentLine> lines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new ShipmentLine("SKU-" + i, 1)).toList();
    }

    @Test
    void creates_a_shipment_with_its_lines() {
        given(shipments).when(new CreateShipment(ORDER, LINES)).then(created).thenState(new Created(ORDER, LINES));
    }

    @Test
    void refuses_to_create_a_shipment_twice() {
        given(shipments, created).when(new CreateShipment(ORDER, LINES)).thenRejected("SHIPMENT_ALREADY_CREATED");
        given(shipments, created, dispatched).when(new CreateShipment(ORDER, LINES)).thenRejected("SHIPMENT_ALREADY_CREATED");
    }

    @Test
    void refuses_a_shipment_with_bad_lines() {
        given(shipments).when(new CreateShipment(ORDER, List.of())).thenRejected("NO_LINES");
        given(shipments).when(new CreateShipment(ORDER, lines(101))).thenRejected("TOO_MANY_LINES");
        given(shipments).when(new CreateShipment(ORDER, List.of(new ShipmentLine("SKU-1", 0)))).thenRejected("INVALID_QUANTITY");
        given(shipments).when(new CreateShipment(ORDER, List.of(new ShipmentLine(" ", 1)))).thenRejected("INVALID_SKU");
        given(shipments).when(new CreateShipment(ORDER, List.of(new ShipmentLine("S", 1), new ShipmentLine("S", 2))))
                .thenRejected("DUPLICATE_SKU");
        given(shipments).when(new CreateShipment(ORDER, lines(100))).then(new ShipmentCreated(ORDER, lines(100)));
    }

    @Test
    void dispatches_a_created_shipment_once() {
        given(shipments, created).when(new DispatchShipment(ORDER)).then(dispatched).thenState(new Dispatched(ORDER, LINES));
        given(shipments, created, dispatched).when(new DispatchShipment(ORDER)).thenRejected("SHIPMENT_ALREADY_DISPATCHED");
        given(shipments, created, dispatched, delivered).when(new DispatchShipment(ORDER))
                .thenRejected("SHIPMENT_ALREADY_DISPATCHED");
    }

    @Test
    void delivers_a_dispatched_shipment_once() {
        given(shipments, created, dispatched).when(new DeliverShipment(ORDER)).then(delivered)
                .thenState(new Delivered(ORDER, LINES));
        given(shipments, created, dispatched, delivered).when(new DeliverShipment(ORDER))
                .thenRejected("SHIPMENT_ALREADY_DELIVERED");
    }

    @Test
    void refuses_to_deliver_a_shipment_not_dispatched() {
        given(shipments, created).when(new DeliverShipment(ORDER)).thenRejected("SHIPMENT_NOT_DISPATCHED");
    }

    @Test
    void refuses_to_move_a_shipment_that_was_never_created() {
        given(shipments).when(new DispatchShipment(ORDER)).thenRejected("SHIPMENT_NOT_CREATED");
        given(shipments).when(new DeliverShipment(ORDER)).thenRejected("SHIPMENT_NOT_CREATED");
    }

    @Test
    void names_each_situation_with_the_status_of_the_snapshot() {
        assertThat(List.of(shipments.initialState(), new Created(ORDER, LINES), new Dispatched(ORDER, LINES),
                new Delivered(ORDER, LINES)).stream().map(ShipmentState::status))
                .containsExactly(ShipmentStatus.values());
    }
}
