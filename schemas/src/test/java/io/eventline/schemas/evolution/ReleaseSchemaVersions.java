package io.eventline.schemas.evolution;

import io.eventline.schemas.Contracts;
import io.eventline.schemas.avro.order.OrderPlaced;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.specific.SpecificData;

/**
 * Records the current schemas as released versions: for each versioned type whose schema in
 * src/main/avro differs from its newest file in schema-history, writes the next vN.avsc. Run by
 * hand after changing a contract, then commit the new file:
 * {@code java -cp <test classpath> io.eventline.schemas.evolution.ReleaseSchemaVersions schemas/src/main/resources/schema-history}
 */
public final class ReleaseSchemaVersions {

    /** The top-level contracts, plus each type an upcaster reads: their histories are what the build checks. */
    public static List<Schema> versionedSchemas() {
        List<Schema> schemas = new ArrayList<>();
        Contracts.ALL.forEach(type -> schemas.add(SpecificData.get().getSchema(type)));
        schemas.add(OrderPlaced.getClassSchema());
        return schemas;
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        for (Schema current : versionedSchemas()) {
            List<Schema> released = SchemaHistory.versions(current.getFullName());
            boolean unchanged = !released.isEmpty()
                    && released.getLast().toString().equals(current.toString());
            if (unchanged) {
                continue;
            }
            Path file = root.resolve(current.getFullName()).resolve("v" + (released.size() + 1) + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, SchemaFormatter.format("json/pretty", current) + "\n");
            System.out.println("released " + file);
        }
    }
}
