package io.eventline.schemas.evolution;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Rewrites one named record type from a released version that Avro's schema resolution cannot
 * read as a later one (a changed field type, a value that must be computed). It works on generic
 * records, before they become generated classes, wherever the type occurs in a writer schema: in
 * an envelope's payload union, in an array, at the top.
 *
 * <p>What Avro can express (a new field with a default, a removed field, a widened type) needs no
 * upcaster: the deserializer resolves it.
 */
public interface Upcaster {

    /** The released schema this upcaster reads, e.g. OrderPlaced V1 from schema-history. */
    Schema from();

    /** The schema of what {@link #upcast} returns: the same full name, a later version. */
    Schema to();

    /**
     * @param old a record of {@link #from()}, as Avro's generic reader made it (strings may be
     *            {@code Utf8}, timestamps are longs)
     * @return a record of {@link #to()}
     * @throws RuntimeException if the old value cannot be carried over; the record is then undecodable
     */
    GenericRecord upcast(GenericRecord old);
}
