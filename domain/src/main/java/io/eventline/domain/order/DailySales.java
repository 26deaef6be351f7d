package io.eventline.domain.order;

/** Confirmed orders of one (day, currency): how many, and their revenue in minor units. */
public record DailySales(long orders, long revenue) {
}
