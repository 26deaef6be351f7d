package io.eventline.domain.order;

import java.util.List;

/**
 * One line of an order: a sku, how many, and the unit price in minor units of the order's currency.
 * Validates nothing: {@link OrderDecider} refuses a bad line with a rejection code.
 */
public record OrderLine(String sku, int quantity, long unitPrice) {

    /** @throws ArithmeticException on overflow, which a placed order never has */
    public long total() {
        return Math.multiplyExact(quantity, unitPrice);
    }

    /** The sum of the lines' totals, in minor units. */
    public static long totalOf(List<OrderLine> lines) {
        long total = 0;
        for (OrderLine line : lines) {
            total = Math.addExact(total, line.total());
        }
        return total;
    }

    /** The number of items across the lines. */
    public static long itemCountOf(List<OrderLine> lines) {
        return lines.stream().mapToLong(OrderLine::quantity).sum();
    }
}
