package io.eventline.schemas;

import java.util.Arrays;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12.2 refuses to instantiate a class whose package it does not trust (a defence against
 * schema-driven gadget loading), and the generated contract classes live in io.eventline. This is
 * the one place that trusts them: everything in this module that reads specific records calls
 * {@link #ensure()} first, and so may any other module that uses generated classes directly.
 *
 * <p>Avro reads {@value #PROPERTY} once, into a static final, when its validator class is first
 * used. If some library touched Avro before us, setting the property is too late, so the same
 * package is also added to the validator's global predicate.
 */
public final class AvroTrust {
    public static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    public static final String TRUSTED_PACKAGE = "io.eventline";

    static {
        appendToProperty();
        if (!ClassSecurityValidator.getGlobal().isTrusted(AvroTrust.class)) {
            ClassSecurityPredicate avroDefault = ClassSecurityValidator.getGlobal();
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(avroDefault, AvroTrust::isEventline));
        }
    }

    private AvroTrust() {
    }

    /** Idempotent and cheap: the work happens once, in this class's initialiser. */
    public static void ensure() {
        // Loading this class ran the static initialiser.
    }

    private static boolean isEventline(Class<?> type) {
        return type.getName().startsWith(TRUSTED_PACKAGE + ".");
    }

    private static void appendToProperty() {
        synchronized (System.getProperties()) {
            String current = System.getProperty(PROPERTY, "");
            boolean present = Arrays.stream(current.split(",")).map(String::trim).anyMatch(TRUSTED_PACKAGE::equals);
            if (!present) {
                System.setProperty(PROPERTY, current.isBlank() ? TRUSTED_PACKAGE : current + "," + TRUSTED_PACKAGE);
            }
        }
    }
}
