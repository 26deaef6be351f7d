package io.eventline.schemas.serde;

import io.eventline.schemas.evolution.UpcasterChain;
import io.eventline.schemas.registry.SchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde for one generated Avro class in Confluent's wire format, for a topic's keys or
 * its values. It does not own the registry: close that where it was made.
 *
 * <pre>{@code
 * Serde<OrderEventEnvelope> events = AvroSerde.forValues(OrderEventEnvelope.class, registry);
 * Serde<EventKey> keys = AvroSerde.forKeys(EventKey.class, registry);
 * }</pre>
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    private AvroSerde(Class<T> type, SchemaRegistry registry, boolean isKey, UpcasterChain upcasters) {
        this.serializer = new AvroSerializer<>(type, registry, isKey);
        this.deserializer = new AvroDeserializer<>(type, registry, upcasters);
    }

    /** For record values; subject {@code <topic>-value}; reads old data through {@link UpcasterChain#defaults()}. */
    public static <T extends SpecificRecord> AvroSerde<T> forValues(Class<T> type, SchemaRegistry registry) {
        return forValues(type, registry, UpcasterChain.defaults());
    }

    public static <T extends SpecificRecord> AvroSerde<T> forValues(Class<T> type, SchemaRegistry registry, UpcasterChain upcasters) {
        return new AvroSerde<>(type, registry, false, upcasters);
    }

    /** For record keys; subject {@code <topic>-key}. */
    public static <T extends SpecificRecord> AvroSerde<T> forKeys(Class<T> type, SchemaRegistry registry) {
        return forKeys(type, registry, UpcasterChain.defaults());
    }

    public static <T extends SpecificRecord> AvroSerde<T> forKeys(Class<T> type, SchemaRegistry registry, UpcasterChain upcasters) {
        return new AvroSerde<>(type, registry, true, upcasters);
    }

    /**
     * Registers the type's schema for a topic now (or finds it registered), so that writing to the
     * topic later needs no registry call: a service does this at start, before its stream threads
     * run, so that no transaction waits on a registry.
     */
    public int registerFor(String topic) {
        return serializer.registerFor(topic);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
