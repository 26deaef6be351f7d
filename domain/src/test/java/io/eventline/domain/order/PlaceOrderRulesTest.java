package io.eventline.domain.order;

import static io.eventline.domain.order.OrderDeciderTest.ALICE;
import static io.eventline.domain.order.OrderDeciderTest.ORDER;
import static io.eventline.domain.testing.DeciderSpec.given;

import io.eventline.domain.order.OrderCommand.PlaceOrder;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceOrderRulesTest {

    final OrderDecider orders = new OrderDecider();

    static PlaceOrder place(List<OrderLine> lines) {
        return new PlaceOrder(ORDER, ALICE, lines, "EUR");
    }

    static List<OrderLine> lines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new OrderLine("SKU-" + i, 1, 100)).toList();
    }

    @Test
    void refuses_an_order_without_lines() {
        given(orders).when(place(List.of())).thenRejected("NO_LINES");
    }

    @Test
    void accepts_a_hundred_lines_and_refuses_a_hundred_and_one() {
        given(orders).when(place(lines(100))).then(new OrderPlaced(ORDER, ALICE, lines(100), "EUR"));
        given(orders).when(place(lines(101))).thenRejected("TOO_MANY_LINES");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refuses_a_line_whose_quantity_is_not_positive(int quantity) {
        given(orders).when(place(List.of(new OrderLine("SKU-1", quantity, 100)))).thenRejected("INVALID_QUANTITY");
    }

    @Test
    void refuses_a_negative_price_but_accepts_a_free_line() {
        given(orders).when(place(List.of(new OrderLine("SKU-1", 1, -1)))).thenRejected("INVALID_PRICE");
        given(orders).when(place(List.of(new OrderLine("SKU-1", 1, 0))))
                .then(new OrderPlaced(ORDER, ALICE, List.of(new OrderLine("SKU-1", 1, 0)), "EUR"));
    }

    @Test
    void refuses_two_lines_with_the_same_sku() {
        given(orders).when(place(List.of(new OrderLine("SKU-1", 1, 100), new OrderLine("SKU-1", 2, 100))))
                .thenRejected("DUPLICATE_SKU");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void refuses_a_line_without_a_sku(String sku) {
        given(orders).when(place(List.of(new OrderLine(sku, 1, 100)))).thenRejected("INVALID_SKU");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"eur", "EURO", "EU", "E1R", "ÉUR"})
    void refuses_a_currency_that_is_not_three_upper_case_letters(String currency) {
        given(orders).when(new PlaceOrder(ORDER, ALICE, lines(1), currency)).thenRejected("INVALID_CURRENCY");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void refuses_an_order_without_a_customer(String customer) {
        given(orders).when(new PlaceOrder(ORDER, customer, lines(1), "EUR")).thenRejected("INVALID_CUSTOMER");
    }

    @Test
    void refuses_an_order_whose_total_does_not_fit_in_minor_units() {
        given(orders).when(place(List.of(new OrderLine("SKU-1", 2, Long.MAX_VALUE / 2 + 1)))).thenRejected("TOTAL_TOO_LARGE");
        given(orders).when(place(List.of(new OrderLine("SKU-1", 1, Long.MAX_VALUE), new OrderLine("SKU-2", 1, 1))))
                .thenRejected("TOTAL_TOO_LARGE");
    }
}
