package io.eventline.schemas.registry;

import org.apache.kafka.common.KafkaException;

/**
 * A schema registry could not do what was asked: unreachable, timed out, or answered with an
 * error. {@link #errorCode()} is the registry's own code (Confluent's {@code error_code}) when it
 * gave one, else {@link #NO_ERROR_CODE}.
 */
public class SchemaRegistryException extends KafkaException {
    public static final int NO_ERROR_CODE = -1;

    private final int errorCode;

    public SchemaRegistryException(String message) {
        this(message, NO_ERROR_CODE, null);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        this(message, NO_ERROR_CODE, cause);
    }

    public SchemaRegistryException(String message, int errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }
}
