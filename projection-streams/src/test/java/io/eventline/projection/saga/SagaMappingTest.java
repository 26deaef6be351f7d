package io.eventline.projection.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.domain.account.AccountEvent;
import io.eventline.domain.fulfilment.CommandKind;
import io.eventline.domain.fulfilment.FulfilmentEvent;
import io.eventline.domain.fulfilment.FulfilmentState;
import io.eventline.domain.fulfilment.OrderFulfilment;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.shipment.ShipmentEvent;
import io.eventline.domain.shipment.ShipmentLine;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The saga's inputs and stored states survive their Avro contracts unchanged. */
class SagaMappingTest {

    static final String ORDER = "order/with/slashes";
    static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
    static final OrderLine A = new OrderLine("SKU-A", 2, 500);
    static final OrderLine B = new OrderLine("SKU-B", 1, 1_000);

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final OrderFulfilment saga = new OrderFulfilment();

    @Test
    void every_kind_of_input_crosses_the_repartition_topic_unchanged() {
        Serde<SagaInput> serde = SagaInputMapping.serde(registry);
        for (FulfilmentEvent event : everyInput()) {
            SagaInput input = new SagaInput("input-1", T0, Optional.of("corr"), event);
            byte[] bytes = serde.serializer().serialize("inputs-repartition", input);
            assertThat(serde.deserializer().deserialize("inputs-repartition", bytes)).isEqualTo(input);
        }
        SagaInput refusal = new SagaInput("cmd-1", T0, Optional.empty(),
                new FulfilmentEvent.CommandRejected(ORDER, CommandKind.RELEASE_STOCK, "RESERVATION_NOT_FOUND"));
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", refusal))).isEqualTo(refusal);
    }

    @Test
    void a_stored_saga_with_every_kind_of_step_reads_back_as_it_was_written() {
        Serde<StoredSaga> serde = StoredSagaMapping.serde(registry);
        FulfilmentState shipped = run(placed(), reserved(A), reserved(B), charged(),
                new FulfilmentEvent.ShipmentCreated(new ShipmentEvent.ShipmentCreated(ORDER, List.of(new ShipmentLine("SKU-A", 2), new ShipmentLine("SKU-B", 1)))),
                new FulfilmentEvent.OrderShipped(new OrderEvent.OrderShipped(ORDER)));
        FulfilmentState compensated = run(placed(), reserved(A), charged(), new FulfilmentEvent.DeadlinePassed(ORDER),
                new FulfilmentEvent.StockReleased(new InventoryEvent.StockReleased("SKU-A", ORDER, 2)));

        for (StoredSaga stored : List.of(new StoredSaga(shipped, Optional.of("corr"), Optional.empty()),
                new StoredSaga(compensated, Optional.empty(), Optional.of(T0.plusSeconds(30))))) {
            StoredSaga read = serde.deserializer().deserialize("sagas-changelog", serde.serializer().serialize("sagas-changelog", stored));
            assertThat(read.state()).usingRecursiveComparison().ignoringFields("due").isEqualTo(stored.state());
            assertThat(read.state().status()).isEqualTo(stored.state().status());
            assertThat(read.correlationId()).isEqualTo(stored.correlationId());
            assertThat(read.deadline()).isEqualTo(stored.deadline());
        }
        assertThat(shipped.steps()).hasSize(8);
        assertThat(compensated.steps()).extracting(c -> c.kind()).contains(CommandKind.RELEASE_STOCK,
                CommandKind.REFUND_PAYMENT, CommandKind.CANCEL_ORDER);
    }

    private FulfilmentState run(FulfilmentEvent... events) {
        FulfilmentState state = saga.initialState();
        for (FulfilmentEvent event : events) {
            state = saga.evolve(state, event);
        }
        return state;
    }

    private static List<FulfilmentEvent> everyInput() {
        return List.of(placed(), reserved(A), charged(),
                new FulfilmentEvent.OrderShipped(new OrderEvent.OrderShipped(ORDER)),
                new FulfilmentEvent.OrderCancelled(new OrderEvent.OrderCancelled(ORDER, "customer asked")),
                new FulfilmentEvent.StockReservationFailed(new InventoryEvent.StockReservationFailed("SKU-A", ORDER, 2, "INSUFFICIENT_STOCK")),
                new FulfilmentEvent.StockReleased(new InventoryEvent.StockReleased("SKU-A", ORDER, 2)),
                new FulfilmentEvent.StockCommitted(new InventoryEvent.StockCommitted("SKU-A", ORDER, 2)),
                new FulfilmentEvent.PaymentDeclined(new AccountEvent.PaymentDeclined("alice", ORDER, 2_000, "INSUFFICIENT_FUNDS")),
                new FulfilmentEvent.PaymentRefunded(new AccountEvent.PaymentRefunded("alice", ORDER, 2_000)),
                new FulfilmentEvent.ShipmentCreated(new ShipmentEvent.ShipmentCreated(ORDER, List.of(new ShipmentLine("SKU-A", 2)))));
    }

    private static FulfilmentEvent placed() {
        return new FulfilmentEvent.OrderPlaced(new OrderEvent.OrderPlaced(ORDER, "alice", List.of(A, B), "EUR"));
    }

    private static FulfilmentEvent reserved(OrderLine line) {
        return new FulfilmentEvent.StockReserved(new InventoryEvent.StockReserved(line.sku(), ORDER, line.quantity()));
    }

    private static FulfilmentEvent charged() {
        return new FulfilmentEvent.PaymentCharged(new AccountEvent.PaymentCharged("alice", ORDER, 2_000));
    }
}
