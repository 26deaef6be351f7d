package io.eventline.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * These bytes cannot become a record, and never will: retrying does not help, the record belongs
 * in a dead-letter topic with {@link #reason()} in its headers. A registry that cannot be reached
 * is not this: that surfaces as a {@code SchemaRegistryException}, because it may pass.
 */
public final class UndecodableRecordException extends SerializationException {
    public static final int NO_SCHEMA_ID = -1;

    /** Why; stable names, fit for a DLQ header. */
    public enum Reason {
        NOT_WIRE_FORMAT, UNKNOWN_SCHEMA_ID, INCOMPATIBLE_WRITER_SCHEMA, UPCAST_FAILED, UNREADABLE_PAYLOAD
    }

    private final Reason reason;
    private final String topic;
    private final int schemaId;

    public UndecodableRecordException(Reason reason, String topic, int schemaId, String detail, Throwable cause) {
        super("Undecodable record on topic '" + topic + "'"
                + (schemaId == NO_SCHEMA_ID ? "" : " (schema id " + schemaId + ")")
                + ": " + reason + ": " + detail, cause);
        this.reason = reason;
        this.topic = topic;
        this.schemaId = schemaId;
    }

    public Reason reason() {
        return reason;
    }

    public String topic() {
        return topic;
    }

    /** The id the bytes named, or {@link #NO_SCHEMA_ID} if they named none. */
    public int schemaId() {
        return schemaId;
    }
}
