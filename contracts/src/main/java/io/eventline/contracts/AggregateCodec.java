package io.eventline.contracts;

import org.apache.kafka.common.header.Headers;

/**
 * How one aggregate type's commands, events and states cross Kafka: the only place that knows its
 * wire contract. The command topology is generic; each aggregate type brings one of these (its
 * {@code …Mapping}), which maps the Avro contract to domain types once, at the edge.
 *
 * <p>Decoding throws {@link io.eventline.schemas.serde.UndecodableRecordException} for bytes it
 * cannot read; the topology sends those to the dead-letter topic.
 */
public interface AggregateCodec<C, S, E> {

    CommandEnvelope<C> decodeCommand(String topic, Headers headers, byte[] value);

    byte[] encodeCommand(String topic, Headers headers, CommandEnvelope<C> command);

    EventEnvelope<E> decodeEvent(String topic, Headers headers, byte[] value);

    byte[] encodeEvent(String topic, Headers headers, EventEnvelope<E> event);

    /** The stored state of the aggregate whose id is the store key: the snapshot need not repeat it. */
    StoredAggregate<S> decodeState(String subjectTopic, String aggregateId, byte[] value);

    byte[] encodeState(String subjectTopic, StoredAggregate<S> state);

    /**
     * Registers every contract this codec writes, for these topics, now: at a service's start, so
     * that no stream thread's transaction waits on the registry later.
     */
    void registerContracts(String commandTopic, String eventTopic, String stateSubjectTopic);

    /** The aggregate id the command's payload names (it must match the envelope's). */
    String aggregateIdOf(C command);

    /** The event's type name, as in the {@code event-type} header: OrderPlaced, StockReserved, ... */
    String eventTypeOf(E event);

    /** The command's type name: PlaceOrder, ReserveStock, ... */
    String commandTypeOf(C command);
}
