package io.eventline.contracts;

/** A domain command with its metadata, as decoded from (or encoded to) a command topic. */
public record CommandEnvelope<C>(CommandMetadata metadata, C command) {}
