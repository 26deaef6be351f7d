package io.eventline.contracts.mapping;

import io.eventline.schemas.serde.AvroSerde;
import io.eventline.schemas.serde.UndecodableRecordException;
import io.eventline.schemas.serde.UndecodableRecordException.Reason;
import io.eventline.schemas.serde.WireFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

/**
 * How every mapping turns bytes into domain objects. A record that Avro reads but that is no valid
 * domain object (a required value missing, a status its fields contradict, an unknown payload) is
 * as undecodable as garbage: it raises {@link UndecodableRecordException}, which the topology sends
 * to the dead-letter topic, and never another exception.
 */
final class Decoding {

    private Decoding() {
    }

    static <A extends SpecificRecord, D> D decode(AvroSerde<A> serde, String topic, Headers headers, byte[] value,
                                                  Function<? super A, ? extends D> toDomain) {
        if (value == null) {
            throw new UndecodableRecordException(Reason.NOT_WIRE_FORMAT, topic, UndecodableRecordException.NO_SCHEMA_ID,
                    "a tombstone where a record is required", null);
        }
        // Outside the try: a registry that cannot be reached may recover, so it is not undecodable.
        A record = serde.deserializer().deserialize(topic, headers, value);
        try {
            return toDomain.apply(record);
        } catch (RuntimeException e) {
            throw new UndecodableRecordException(Reason.UNREADABLE_PAYLOAD, topic, WireFormat.schemaId(topic, value),
                    record.getSchema().getName() + " is no valid domain value: " + e.getMessage(), e);
        }
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static void check(boolean holds, String problem) {
        if (!holds) {
            throw new IllegalArgumentException(problem);
        }
    }

    static IllegalArgumentException unknownPayload(Object payload) {
        return new IllegalArgumentException("unknown payload "
                + (payload == null ? "null" : payload.getClass().getName()));
    }

    static OptionalLong optionalLong(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    static Long nullable(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    static Optional<String> optional(String value) {
        return Optional.ofNullable(value);
    }

    /** A map from a list of entries, refusing a key that appears twice (a map never writes one). */
    static <T, K, V> Map<K, V> uniqueKeys(List<T> entries, Function<T, K> key, Function<T, V> value, String field) {
        Map<K, V> map = new LinkedHashMap<>();
        for (T entry : entries) {
            K k = key.apply(entry);
            check(!map.containsKey(k), field + " names " + k + " twice");
            map.put(k, value.apply(entry));
        }
        return map;
    }

    /** A set from a list, refusing an element that appears twice (a set never writes one). */
    static <T> Set<T> distinct(List<T> elements, String field) {
        Set<T> set = new LinkedHashSet<>();
        for (T element : elements) {
            check(set.add(element), field + " names " + element + " twice");
        }
        return set;
    }
}
