package io.eventline.schemas.serde;

import io.eventline.schemas.serde.UndecodableRecordException.Reason;
import java.nio.ByteBuffer;

/**
 * Confluent's wire format: magic byte 0, the schema id as 4 bytes big-endian, then the Avro
 * binary encoding of the record. Nothing else: no length, no trailer.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /** The schema id these bytes name, or an {@link UndecodableRecordException} if they are not in the wire format. */
    public static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_LENGTH) {
            throw new UndecodableRecordException(Reason.NOT_WIRE_FORMAT, topic, UndecodableRecordException.NO_SCHEMA_ID,
                    data.length + " bytes, fewer than the " + HEADER_LENGTH + "-byte header", null);
        }
        if (data[0] != MAGIC_BYTE) {
            throw new UndecodableRecordException(Reason.NOT_WIRE_FORMAT, topic, UndecodableRecordException.NO_SCHEMA_ID,
                    "first byte is " + (data[0] & 0xff) + ", not the magic byte 0", null);
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }
}
