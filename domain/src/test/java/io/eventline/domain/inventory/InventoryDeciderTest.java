package io.eventline.domain.inventory;

import static io.eventline.domain.testing.DeciderSpec.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.domain.inventory.InventoryCommand.AddStock;
import io.eventline.domain.inventory.InventoryCommand.CommitStock;
import io.eventline.domain.inventory.InventoryCommand.ReleaseStock;
import io.eventline.domain.inventory.InventoryCommand.ReserveStock;
import io.eventline.domain.inventory.InventoryEvent.StockAdded;
import io.eventline.domain.inventory.InventoryEvent.StockCommitted;
import io.eventline.domain.inventory.InventoryEvent.StockReleased;
import io.eventline.domain.inventory.InventoryEvent.StockReservationFailed;
import io.eventline.domain.inventory.InventoryEvent.StockReserved;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InventoryDeciderTest {

    static final String SKU = "SKU-1";

    final InventoryDecider inventory = new InventoryDecider();
    final StockAdded ten = new StockAdded(SKU, 10);
    final StockReserved sevenForO1 = new StockReserved(SKU, "o1", 7);

    @Test
    void refuses_stock_that_would_overflow_what_is_on_hand() {
        // Billions of additions away from any history a test could give: decided from the state itself.
        InventoryState nearlyFull = new InventoryState(Long.MAX_VALUE - 4, Map.of(), List.of());
        assertThatThrownBy(() -> inventory.decide(new AddStock(SKU, 5), nearlyFull))
                .isInstanceOfSatisfying(io.eventline.domain.core.Rejection.class,
                        r -> assertThat(r.code()).isEqualTo("STOCK_OVERFLOW"));
        assertThat(inventory.decide(new AddStock(SKU, 4), nearlyFull)).containsExactly(new StockAdded(SKU, 4));
    }

    @Test
    void adds_stock() {
        given(inventory, ten).when(new AddStock(SKU, 5))
                .then(new StockAdded(SKU, 5))
                .thenState(new InventoryState(15, Map.of(), List.of()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3})
    void refuses_a_quantity_that_is_not_positive(int quantity) {
        given(inventory).when(new AddStock(SKU, quantity)).thenRejected("INVALID_QUANTITY");
        given(inventory, ten).when(new ReserveStock(SKU, "o1", quantity)).thenRejected("INVALID_QUANTITY");
    }

    @Test
    void reserves_stock_that_is_available() {
        given(inventory, ten).when(new ReserveStock(SKU, "o1", 7))
                .then(sevenForO1)
                .thenState(new InventoryState(10, Map.of("o1", 7), List.of()));
    }

    @Test
    void reserves_exactly_what_is_left() {
        given(inventory, ten, sevenForO1).when(new ReserveStock(SKU, "o2", 3)).then(new StockReserved(SKU, "o2", 3));
    }

    @Test
    void fails_a_reservation_that_does_not_fit_as_an_event_and_holds_nothing() {
        given(inventory, ten, sevenForO1).when(new ReserveStock(SKU, "o2", 4))
                .then(new StockReservationFailed(SKU, "o2", 4, "INSUFFICIENT_STOCK"))
                .thenState(new InventoryState(10, Map.of("o1", 7), List.of()));
        given(inventory).when(new ReserveStock(SKU, "o1", 1))
                .then(new StockReservationFailed(SKU, "o1", 1, "INSUFFICIENT_STOCK"));
    }

    @Test
    void reserving_again_for_an_order_that_holds_a_reservation_does_nothing() {
        given(inventory, ten, sevenForO1).when(new ReserveStock(SKU, "o1", 7)).thenNothing();
        given(inventory, ten, sevenForO1).when(new ReserveStock(SKU, "o1", 2)).thenNothing();
    }

    @Test
    void refuses_to_reserve_again_for_an_order_already_settled() {
        given(inventory, ten, sevenForO1, new StockReleased(SKU, "o1", 7)).when(new ReserveStock(SKU, "o1", 7))
                .thenRejected("RESERVATION_ALREADY_SETTLED");
    }

    @Test
    void releases_what_the_order_reserved() {
        given(inventory, ten, sevenForO1).when(new ReleaseStock(SKU, "o1"))
                .then(new StockReleased(SKU, "o1", 7))
                .thenState(new InventoryState(10, Map.of(), List.of("o1")));
    }

    @Test
    void commits_what_the_order_reserved_taking_it_off_hand() {
        given(inventory, ten, sevenForO1).when(new CommitStock(SKU, "o1"))
                .then(new StockCommitted(SKU, "o1", 7))
                .thenState(new InventoryState(3, Map.of(), List.of("o1")));
    }

    @Test
    void refuses_to_release_or_commit_what_the_order_never_reserved() {
        given(inventory, ten, sevenForO1).when(new ReleaseStock(SKU, "o2")).thenRejected("RESERVATION_NOT_FOUND");
        given(inventory, ten, sevenForO1).when(new CommitStock(SKU, "o2")).thenRejected("RESERVATION_NOT_FOUND");
        given(inventory, ten, new StockReservationFailed(SKU, "o2", 40, "INSUFFICIENT_STOCK"))
                .when(new ReleaseStock(SKU, "o2")).thenRejected("RESERVATION_NOT_FOUND");
    }

    @Test
    void settles_a_reservation_only_once() {
        var released = new StockReleased(SKU, "o1", 7);
        var committed = new StockCommitted(SKU, "o1", 7);
        given(inventory, ten, sevenForO1, released).when(new ReleaseStock(SKU, "o1")).thenRejected("RESERVATION_ALREADY_SETTLED");
        given(inventory, ten, sevenForO1, released).when(new CommitStock(SKU, "o1")).thenRejected("RESERVATION_ALREADY_SETTLED");
        given(inventory, ten, sevenForO1, committed).when(new CommitStock(SKU, "o1")).thenRejected("RESERVATION_ALREADY_SETTLED");
        given(inventory, ten, sevenForO1, committed).when(new ReleaseStock(SKU, "o1")).thenRejected("RESERVATION_ALREADY_SETTLED");
    }

    @Test
    void remembers_the_latest_settlements_only_forgetting_the_oldest_first() {
        int bound = InventoryState.SETTLEMENTS_REMEMBERED;
        List<InventoryEvent> history = new ArrayList<>(List.of(new StockAdded(SKU, 10 * (bound + 1))));
        for (int i = 0; i <= bound; i++) {
            history.add(new StockReserved(SKU, "o" + i, 1));
            history.add(i % 2 == 0 ? new StockCommitted(SKU, "o" + i, 1) : new StockReleased(SKU, "o" + i, 1));
        }
        InventoryState state = io.eventline.domain.core.Deciders.fold(inventory, history);

        assertThat(state.settledOrders()).hasSize(bound).startsWith("o1").endsWith("o" + bound).doesNotContain("o0");
        assertThat(state.reservations()).isEmpty();
        assertThat(state.onHand()).as("every settlement still counted").isEqualTo(10L * (bound + 1) - (bound / 2 + 1));
        given(inventory, history.toArray(InventoryEvent[]::new)).when(new ReserveStock(SKU, "o1", 1))
                .thenRejected("RESERVATION_ALREADY_SETTLED");
        InventoryEvent[] past = history.toArray(InventoryEvent[]::new);
        given(inventory, past).when(new CommitStock(SKU, "o0")).thenRejected("RESERVATION_NOT_FOUND");
        // Forgotten, so not recognised: order ids are unique, and only a producer reusing one gets here.
        given(inventory, past).when(new ReserveStock(SKU, "o0", 1)).then(new StockReserved(SKU, "o0", 1));
    }
}
