package io.eventline.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * BACKWARD-transitive compatibility, as both registries enforce it: a new version must read data
 * written with every earlier version of its subject (consumers upgrade first, old events stay
 * readable forever). Avro's {@link SchemaCompatibility} decides; this class only turns its JSON
 * pointers ({@code /fields/9/type/0}) into field paths people can act on
 * ({@code payload<OrderPlaced>.lines[].unitPrice}).
 */
public final class BackwardCompatibility {
    private BackwardCompatibility() {
    }

    /** The problems of reading data written with {@code writer} using {@code reader}; empty when compatible. */
    public static List<String> problems(Schema reader, Schema writer) {
        return problems(reader, writer, "");
    }

    /** Throws {@link IncompatibleSchemaException} unless {@code candidate} reads every one of {@code earlier}. */
    public static void check(String subject, Schema candidate, List<Schema> earlier) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < earlier.size(); i++) {
            for (String problem : problems(candidate, earlier.get(i))) {
                problems.add("reading version " + (i + 1) + " " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new IncompatibleSchemaException(subject, problems);
        }
    }

    private static List<String> problems(Schema reader, Schema writer, String prefix) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        List<String> problems = new ArrayList<>();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            Located at = locate(reader, writer, incompatibility.getLocation(), prefix);
            Schema sameNamedBranch = at.reader.getType() == Schema.Type.UNION ? sameNamedBranch(at.reader, at.writer) : null;
            if (incompatibility.getType() == SchemaIncompatibilityType.MISSING_UNION_BRANCH && sameNamedBranch != null) {
                // Avro only says the union lacks a branch; the branch is there, so say what is wrong inside it.
                problems.addAll(problems(sameNamedBranch, at.writer, at.path));
            } else {
                problems.add("at " + (at.path.isEmpty() ? "the top-level schema" : at.path) + ": "
                        + incompatibility.getType() + " (" + incompatibility.getMessage() + ")");
            }
        }
        return problems;
    }

    private record Located(String path, Schema reader, Schema writer) {
    }

    /** Walks reader and writer along the pointer: field indexes count the reader's fields, union indexes the writer's branches. */
    private static Located locate(Schema reader, Schema writer, String location, String prefix) {
        StringBuilder path = new StringBuilder(prefix);
        String[] steps = location.split("/");
        try {
            for (int i = 1; i < steps.length; i++) {
                switch (steps[i]) {
                    case "fields" -> {
                        Schema.Field field = reader.getFields().get(Integer.parseInt(steps[++i]));
                        path.append(path.isEmpty() ? "" : ".").append(field.name());
                        reader = field.schema();
                        Schema.Field written = writer.getType() == Schema.Type.RECORD ? writer.getField(field.name()) : null;
                        writer = written == null ? reader : written.schema();
                    }
                    case "type" -> { /* the field's schema: already current */ }
                    case "items" -> { path.append("[]"); reader = reader.getElementType(); writer = writer.getElementType(); }
                    case "values" -> { path.append("{}"); reader = reader.getValueType(); writer = writer.getValueType(); }
                    case "symbols", "name", "size" -> path.append(" (").append(steps[i]).append(")");
                    default -> {
                        writer = writer.getTypes().get(Integer.parseInt(steps[i]));
                        path.append('<').append(writer.getName()).append('>');
                    }
                }
            }
        } catch (RuntimeException unexpectedShape) {
            // Avro changed its pointer format: the raw pointer still locates the problem.
            return new Located(prefix + location, reader, writer);
        }
        return new Located(path.toString(), reader, writer);
    }

    private static Schema sameNamedBranch(Schema union, Schema writer) {
        if (writer.getType() != Schema.Type.RECORD) {
            return null;
        }
        return union.getTypes().stream().filter(b -> b.getType() == Schema.Type.RECORD
                && b.getFullName().equals(writer.getFullName())).findFirst().orElse(null);
    }
}
