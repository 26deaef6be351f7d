package io.eventline.contracts.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.EventMetadata;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.EnvelopeHeaders;
import io.eventline.schemas.serde.UndecodableRecordException;
import io.eventline.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Metadata, headers and hostile bytes shared by the mapping tests. */
final class MappingFixtures {

    /** Millisecond precision: the contract's timestamps are timestamp-millis. */
    static final Instant ISSUED_AT = Instant.parse("2026-03-01T10:15:30.123Z");
    static final Instant UPDATED_AT = Instant.parse("2026-03-02T08:00:00.456Z");
    static final byte[] NOT_WIRE_FORMAT = "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);

    private MappingFixtures() {
    }

    static CommandMetadata commandMetadata(String aggregateId) {
        return new CommandMetadata("cmd-1", aggregateId, OptionalLong.of(3), ISSUED_AT, "corr-1",
                Optional.of("evt-0"), "web-gateway", Optional.of("alice"));
    }

    static CommandMetadata commandMetadataWithoutOptionals(String aggregateId) {
        return new CommandMetadata("cmd-2", aggregateId, OptionalLong.empty(), ISSUED_AT, "corr-2",
                Optional.empty(), "saga");
    }

    static EventMetadata eventMetadata(String aggregateType, String aggregateId) {
        return new EventMetadata("cmd-1-0", aggregateType, aggregateId, 4, ISSUED_AT, "cmd-1", "corr-1",
                Optional.of("evt-0"), "web-gateway", Optional.of("alice"));
    }

    static EventMetadata eventMetadataWithoutCausation(String aggregateType, String aggregateId) {
        return new EventMetadata("cmd-2-1", aggregateType, aggregateId, 1, ISSUED_AT, "cmd-2", "corr-2",
                Optional.empty(), "saga");
    }

    static Headers headers() {
        return new RecordHeaders();
    }

    static String eventTypeHeader(Headers headers) {
        Header header = headers.lastHeader(EnvelopeHeaders.EVENT_TYPE);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static UndecodableRecordException undecodable(ThrowingCallable decoding) {
        return catchThrowableOfType(UndecodableRecordException.class, decoding);
    }

    /**
     * Random payloads behind the schema id of a valid record: each either decodes to a domain value
     * or is undecodable, and nothing else escapes.
     */
    static void assertGarbageIsDecodedOrUndecodable(byte[] valid, Function<byte[], Object> decode) {
        Random random = new Random(20260301);
        for (int i = 0; i < 2_000; i++) {
            byte[] garbage = new byte[WireFormat.HEADER_LENGTH + random.nextInt(48)];
            random.nextBytes(garbage);
            System.arraycopy(valid, 0, garbage, 0, WireFormat.HEADER_LENGTH);
            try {
                assertThat(decode.apply(garbage)).isNotNull();
            } catch (UndecodableRecordException expected) {
                // the only way to fail
            }
        }
    }

    /**
     * An envelope written by a producer whose contract has one more payload type than ours: the
     * writer schema is ours with an extra union branch, registered under {@code topic}'s subject.
     */
    static byte[] envelopeWithUnknownPayload(Schema envelope, String topic, SchemaRegistry registry) {
        String json = envelope.toString();
        String payloadUnion = "{\"name\":\"payload\",\"type\":[";
        assertThat(json).contains(payloadUnion);
        Schema writer = new Schema.Parser().parse(json.replace(payloadUnion, payloadUnion
                + "{\"type\":\"record\",\"name\":\"SomethingNew\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]},"));
        GenericRecord record = new GenericData.Record(writer);
        for (Schema.Field field : writer.getFields()) {
            record.put(field.pos(), switch (field.schema().getType()) {
                case STRING -> "x";
                case LONG -> 1L;
                case UNION -> field.name().equals("payload") ? somethingNew(field.schema()) : null;
                default -> throw new IllegalStateException("unexpected envelope field " + field);
            });
        }
        return write(writer, record, topic, registry);
    }

    private static GenericRecord somethingNew(Schema payloadUnion) {
        GenericRecord payload = new GenericData.Record(payloadUnion.getTypes().getFirst());
        payload.put("id", "x");
        return payload;
    }

    /** A record in the wire format, written with any schema, registered under {@code topic}'s value subject. */
    static byte[] write(Schema writer, GenericRecord record, String topic, SchemaRegistry registry) {
        int id = registry.register(topic + "-value", writer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(WireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
