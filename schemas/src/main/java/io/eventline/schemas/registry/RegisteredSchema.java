package io.eventline.schemas.registry;

import org.apache.avro.Schema;

/** One version of a subject: its number (1, 2, ...), the schema's global id, and the schema. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
