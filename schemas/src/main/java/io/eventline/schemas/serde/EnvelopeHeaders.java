package io.eventline.schemas.serde;

import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Copies an envelope's payload type and correlation id into Kafka headers, for tools that do not
 * decode Avro. Applies to any record with both a {@code payload} and a {@code correlationId}
 * field: command and event envelopes alike.
 */
public final class EnvelopeHeaders {
    public static final String EVENT_TYPE = "event-type";
    public static final String CORRELATION_ID = "correlation-id";

    private final int payloadPos;
    private final int correlationIdPos;

    private EnvelopeHeaders(int payloadPos, int correlationIdPos) {
        this.payloadPos = payloadPos;
        this.correlationIdPos = correlationIdPos;
    }

    /** Null when records of this schema are not envelopes. */
    static EnvelopeHeaders forSchema(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            return null;
        }
        Schema.Field payload = schema.getField("payload");
        Schema.Field correlationId = schema.getField("correlationId");
        return payload == null || correlationId == null ? null : new EnvelopeHeaders(payload.pos(), correlationId.pos());
    }

    void write(Headers headers, SpecificRecord envelope) {
        // remove first: Kafka Streams forwards the input record's headers, and a command's
        // event-type must not survive next to the event's.
        if (envelope.get(payloadPos) instanceof GenericContainer payload) {
            set(headers, EVENT_TYPE, payload.getSchema().getName());
        }
        Object correlationId = envelope.get(correlationIdPos);
        if (correlationId != null) {
            set(headers, CORRELATION_ID, correlationId.toString());
        }
    }

    /** The text of the last header {@code key}, or null when there is none (or it has no value). */
    public static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void set(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
