package io.eventline.projection.saga;

import java.util.List;

/**
 * What {@link InvariantChecker} found: how the orders ended and every broken invariant.
 *
 * @param ordersOpen orders neither shipped (or delivered) nor cancelled: each is also a violation
 */
public record InvariantReport(int ordersShipped, int ordersCancelled, int ordersOpen, long eventsRead,
                              List<Violation> violations) {

    /** One broken invariant: which rule, about which order, sku or account, and what was seen. */
    public record Violation(String rule, String subject, String detail) {
        @Override
        public String toString() {
            return rule + " [" + subject + "]: " + detail;
        }
    }

    public InvariantReport {
        violations = List.copyOf(violations);
    }

    public boolean holds() {
        return violations.isEmpty();
    }

    /** A summary fit for a log line or an assertion message, with the first violations. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("orders shipped " + ordersShipped + ", cancelled " + ordersCancelled
                + ", open " + ordersOpen + "; " + eventsRead + " events; " + violations.size() + " violations");
        violations.stream().limit(20).forEach(v -> text.append("\n  ").append(v));
        return text.toString();
    }
}
