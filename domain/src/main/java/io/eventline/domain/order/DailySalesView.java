package io.eventline.domain.order;

import io.eventline.domain.core.View;

/**
 * Daily sales of one currency. The caller keys each state by (day, currency): the day comes from the
 * confirming event's metadata (its occurredAt), which the domain never sees, and the total from the
 * order as placed. This view only adds up what it is given, one {@link ConfirmedSale} per confirmed
 * order.
 */
public final class DailySalesView implements View<DailySales, DailySalesView.ConfirmedSale> {

    /** An order that was confirmed, with the total and currency it was placed with. */
    public record ConfirmedSale(String orderId, String currency, long total) {
    }

    @Override
    public DailySales initialState() {
        return new DailySales(0, 0);
    }

    @Override
    public DailySales evolve(DailySales sales, ConfirmedSale sale) {
        // Exact: a sum past Long.MAX_VALUE is an error to see, never a negative revenue.
        return new DailySales(sales.orders() + 1, Math.addExact(sales.revenue(), sale.total()));
    }
}
