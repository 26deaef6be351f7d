package io.eventline.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * Where Avro schemas get the ids that Confluent's wire format puts in front of every record.
 * Ids are global: the same schema under two subjects has one id. Implementations cache, are
 * thread-safe, and refuse a schema that is not BACKWARD compatible with every earlier version of
 * its subject.
 */
public interface SchemaRegistry extends AutoCloseable {

    /**
     * The id of {@code schema} under {@code subject}, registering it as the subject's next version
     * if it is new there.
     *
     * @throws IncompatibleSchemaException if it cannot read data written with an earlier version
     * @throws SchemaRegistryException if the registry cannot be reached or fails
     */
    int register(String subject, Schema schema);

    /**
     * The schema with this id.
     *
     * @throws UnknownSchemaException if no schema has it
     * @throws SchemaRegistryException if the registry cannot be reached or fails
     */
    Schema schemaById(int id);

    /** The subject's versions, oldest first; empty for an unknown subject. */
    List<RegisteredSchema> versions(String subject);

    /** Every subject with at least one version, in name order. */
    List<String> subjects();

    /** Learns what other processes registered since: before answering a reader who may know of it. */
    default void refresh() {
    }

    /**
     * Refuses, with a message naming each offending field path, a schema that cannot read data
     * written with every earlier version of the subject (BACKWARD transitive). Passes for a new
     * subject, and for a schema that is already one of the subject's versions.
     *
     * @throws IncompatibleSchemaException if refused
     */
    default void checkCompatibility(String subject, Schema schema) {
        List<RegisteredSchema> versions = versions(subject);
        String canonical = SchemaIdentity.canonical(schema);
        if (versions.stream().anyMatch(v -> SchemaIdentity.canonical(v.schema()).equals(canonical))) {
            return; // registered already: a writer restarting with an older version must keep working
        }
        BackwardCompatibility.check(subject, schema, versions.stream().map(RegisteredSchema::schema).toList());
    }

    @Override
    default void close() {
    }
}
