package io.eventline.domain.shipment;

/** A sku and how many of it go in a shipment. Validates nothing: {@link ShipmentDecider} refuses bad lines. */
public record ShipmentLine(String sku, int quantity) {
}
