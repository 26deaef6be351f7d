package io.eventline.projection.saga;

import java.util.List;
import java.util.Set;

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

    static final String CANCELLED_HOLDS_NOTHING = "cancelled order holds nothing";
    static final String MONEY_CONSERVED = "money conserved";

    /**
     * The rules a compensation still on its way breaks for a moment: the saga sends a cancelled
     * order's releases and refund with its cancellation, and releases a reservation that lands after
     * it, so they can be committed after the OrderCancelled; until the refund lands, the customer's
     * money is short by it. Every other rule, once broken, stays broken.
     */
    private static final Set<String> BROKEN_WHILE_COMPENSATING = Set.of(CANCELLED_HOLDS_NOTHING, MONEY_CONSERVED);

    public InvariantReport {
        violations = List.copyOf(violations);
    }

    public boolean holds() {
        return violations.isEmpty();
    }

    /**
     * Whether every violation is of a rule that compensations still on their way also break, so that
     * a later check, once they landed, may find none: a checker that reads while the pipeline still
     * runs may look again. Any other violation is final.
     */
    public boolean onlyCompensationsInFlight() {
        return !violations.isEmpty() && violations.stream().allMatch(v -> BROKEN_WHILE_COMPENSATING.contains(v.rule()));
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
