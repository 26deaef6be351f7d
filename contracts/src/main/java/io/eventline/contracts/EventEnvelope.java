package io.eventline.contracts;

/** A domain event with its metadata, as appended to (or read from) an event topic. */
public record EventEnvelope<E>(EventMetadata metadata, E event) {}
