package io.eventline.domain.order;

/** The situations of an order, as snapshots and read models name them. */
public enum OrderStatus {
    NOT_PLACED, PLACED, CONFIRMED, SHIPPED, DELIVERED, CANCELLED
}
