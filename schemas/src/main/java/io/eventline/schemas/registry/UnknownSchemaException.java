package io.eventline.schemas.registry;

/** No schema has this id in the registry. */
public final class UnknownSchemaException extends SchemaRegistryException {
    private final int schemaId;

    public UnknownSchemaException(int schemaId, String where) {
        this(schemaId, where, NO_ERROR_CODE);
    }

    public UnknownSchemaException(int schemaId, String where, int errorCode) {
        super("No schema with id " + schemaId + " in " + where, errorCode, null);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
