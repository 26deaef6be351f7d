package io.eventline.domain.shipment;

/** The situations of a shipment, as snapshots name them. */
public enum ShipmentStatus {
    NOT_CREATED, CREATED, DISPATCHED, DELIVERED
}
