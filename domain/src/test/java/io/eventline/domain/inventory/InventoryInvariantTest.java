package io.eventline.domain.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.domain.core.Rejection;
import io.eventline.domain.inventory.InventoryCommand.AddStock;
import io.eventline.domain.inventory.InventoryCommand.CommitStock;
import io.eventline.domain.inventory.InventoryCommand.ReleaseStock;
import io.eventline.domain.inventory.InventoryCommand.ReserveStock;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InventoryInvariantTest {

    final InventoryDecider inventory = new InventoryDecider();
    final StockLevelView levels = new StockLevelView();

    @Test
    void available_stock_never_goes_below_zero_and_the_stock_level_view_agrees_with_the_aggregate() {
        var random = new Random(20_240_601);
        InventoryState state = inventory.initialState();
        StockLevel level = levels.initialState();
        for (int i = 0; i < 20_000; i++) {
            String order = "o" + random.nextInt(40);
            InventoryCommand command = switch (random.nextInt(4)) {
                case 0 -> new AddStock("SKU", random.nextInt(5) + 1);
                case 1 -> new ReserveStock("SKU", order, random.nextInt(8) + 1);
                case 2 -> new ReleaseStock("SKU", order);
                default -> new CommitStock("SKU", order);
            };
            try {
                for (InventoryEvent event : inventory.decide(command, state)) {
                    state = inventory.evolve(state, event);
                    level = levels.evolve(level, event);
                }
            } catch (Rejection refused) {
                // Refusals are part of the walk; the invariant must hold either way.
            }
            assertThat(state.available()).as("after %s", command).isNotNegative();
            assertThat(level).isEqualTo(new StockLevel(state.onHand(), state.reserved()));
            assertThat(level.available()).isEqualTo(state.available());
        }
    }
}
