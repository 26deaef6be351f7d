package io.eventline.schemas.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * What makes two schemas "the same schema" for a registry. Avro's parsing canonical form is not
 * enough: it drops defaults, and a default decides whether old data stays readable. So identity is
 * the JSON Avro itself prints for the parsed schema, which normalises spacing and attribute order
 * but keeps defaults, docs and logical types (as Confluent's registry does without normalisation).
 */
public final class SchemaIdentity {
    private SchemaIdentity() {
    }

    public static String canonical(Schema schema) {
        return schema.toString();
    }

    /** SHA-256 of the canonical form, lower-case hex: short enough for a Kafka key, unique in practice. */
    public static String fingerprint(Schema schema) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(schema).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Parses schema JSON received from a registry; a fresh parser each time, so names never clash. */
    public static Schema parse(String json, String origin) {
        try {
            return new Schema.Parser().parse(json);
        } catch (SchemaParseException | NullPointerException e) {
            throw new SchemaRegistryException("Unparseable schema from " + origin + ": " + e.getMessage(), e);
        }
    }
}
