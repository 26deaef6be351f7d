package io.eventline.domain.order;

import io.eventline.domain.core.Currencies;
import io.eventline.domain.core.Rejection;
import io.eventline.domain.order.OrderCommand.PlaceOrder;
import java.util.HashSet;

/** What a new order must satisfy; each broken rule is a rejection with its own code. */
final class PlaceOrderRules {

    static final int MAX_LINES = 100;

    private PlaceOrderRules() {
    }

    static void check(PlaceOrder place) {
        if (place.customerId() == null || place.customerId().isBlank()) {
            throw new Rejection("INVALID_CUSTOMER", "an order needs a customer");
        }
        if (!Currencies.isCode(place.currency())) {
            throw new Rejection("INVALID_CURRENCY", "not an ISO-4217 code: " + place.currency());
        }
        var lines = place.lines();
        if (lines.isEmpty()) {
            throw new Rejection("NO_LINES", "an order needs at least one line");
        }
        if (lines.size() > MAX_LINES) {
            throw new Rejection("TOO_MANY_LINES", "an order has at most " + MAX_LINES + " lines, not " + lines.size());
        }
        var skus = new HashSet<String>();
        for (OrderLine line : lines) {
            if (line.sku() == null || line.sku().isBlank()) {
                throw new Rejection("INVALID_SKU", "every line needs a sku");
            }
            if (line.quantity() <= 0) {
                throw new Rejection("INVALID_QUANTITY", "quantity of " + line.sku() + " must be > 0, not " + line.quantity());
            }
            if (line.unitPrice() < 0) {
                throw new Rejection("INVALID_PRICE", "price of " + line.sku() + " must be >= 0, not " + line.unitPrice());
            }
            if (!skus.add(line.sku())) {
                throw new Rejection("DUPLICATE_SKU", "sku " + line.sku() + " appears on two lines");
            }
        }
        try {
            OrderLine.totalOf(lines);
        } catch (ArithmeticException overflow) {
            // Every later amount (charge, revenue) is a long; refuse here rather than fail downstream.
            throw new Rejection("TOTAL_TOO_LARGE", "the order's total does not fit in a long of minor units");
        }
    }
}
