package io.eventline.schemas.registry;

import java.util.List;

/** A registry refused a schema because data written with an earlier version of the subject could not be read with it. */
public final class IncompatibleSchemaException extends SchemaRegistryException {
    private final String subject;
    private final List<String> problems;

    public IncompatibleSchemaException(String subject, List<String> problems) {
        this(subject, problems, NO_ERROR_CODE);
    }

    public IncompatibleSchemaException(String subject, List<String> problems, int errorCode) {
        super("Schema refused for subject '" + subject + "': not BACKWARD compatible with earlier versions: "
                + String.join("; ", problems), errorCode, null);
        this.subject = subject;
        this.problems = List.copyOf(problems);
    }

    public String subject() {
        return subject;
    }

    /** One line per problem, each naming the offending field path, e.g. {@code payload<OrderPlaced>.lines[].unitPrice}. */
    public List<String> problems() {
        return problems;
    }
}
