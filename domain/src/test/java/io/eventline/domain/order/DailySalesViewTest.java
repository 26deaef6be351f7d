package io.eventline.domain.order;

import static io.eventline.domain.testing.ViewSpec.fold;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.domain.order.DailySalesView.ConfirmedSale;
import org.junit.jupiter.api.Test;

class DailySalesViewTest {

    final DailySalesView view = new DailySalesView();

    @Test
    void starts_a_day_with_no_sales() {
        assertThat(view.initialState()).isEqualTo(new DailySales(0, 0));
    }

    @Test
    void counts_each_confirmed_order_and_adds_its_total_to_the_revenue() {
        assertThat(fold(view, new ConfirmedSale("o1", "EUR", 1_500), new ConfirmedSale("o2", "EUR", 250)))
                .isEqualTo(new DailySales(2, 1_750));
    }
}
