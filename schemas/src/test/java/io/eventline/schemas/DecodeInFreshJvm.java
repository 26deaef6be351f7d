package io.eventline.schemas;

import io.eventline.schemas.avro.order.OrderConfirmed;
import io.eventline.schemas.avro.order.OrderEventEnvelope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * For {@link AvroTrustTest}: decodes a generated record with plain Avro in a JVM where nothing has
 * touched Avro yet. Mode "untrusted" skips {@link AvroTrust}; "trusted" calls it first; "late"
 * lets Avro read its (empty) property before AvroTrust runs. Exit 0 and DECODED, or exit 3 and FORBIDDEN.
 */
public final class DecodeInFreshJvm {
    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "trusted" -> AvroTrust.ensure();
            case "late" -> {
                ClassSecurityValidator.getGlobal(); // Avro reads the system property now, before we set it
                AvroTrust.ensure();
            }
            default -> { }
        }
        OrderEventEnvelope event = OrderEventEnvelope.newBuilder().setEventId("e").setAggregateType("order").setAggregateId("o")
                .setVersion(1).setOccurredAt(Instant.EPOCH).setCommandId("c").setCorrelationId("k").setActor("a")
                .setPayload(new OrderConfirmed("o")).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(OrderEventEnvelope.class).write(event, encoder);
        encoder.flush();
        try {
            OrderEventEnvelope read = new SpecificDatumReader<>(OrderEventEnvelope.class)
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
            System.out.println("DECODED " + read.getPayload().getClass().getSimpleName());
        } catch (SecurityException e) {
            System.out.println("FORBIDDEN " + e.getMessage());
            System.exit(3);
        }
    }
}
