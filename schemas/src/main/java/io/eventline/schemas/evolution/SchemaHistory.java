package io.eventline.schemas.evolution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of a schema, kept on the classpath as
 * {@code schema-history/<full name>/v1.avsc, v2.avsc, ...}; each file stands alone (nested types
 * inline). The newest is the schema in src/main/avro; a build test holds them to that.
 */
public final class SchemaHistory {
    public static final String ROOT = "schema-history";

    private SchemaHistory() {
    }

    /** The versions of this type, oldest first; empty if it has no history. */
    public static List<Schema> versions(String fullName) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; exists(fullName, v); v++) {
            versions.add(version(fullName, v));
        }
        return versions;
    }

    /** One released version, parsed. */
    public static Schema version(String fullName, int version) {
        String path = path(fullName, version);
        try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No released schema at classpath:" + path);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read classpath:" + path, e);
        }
    }

    public static String path(String fullName, int version) {
        return ROOT + "/" + fullName + "/v" + version + ".avsc";
    }

    private static boolean exists(String fullName, int version) {
        return SchemaHistory.class.getClassLoader().getResource(path(fullName, version)) != null;
    }
}
