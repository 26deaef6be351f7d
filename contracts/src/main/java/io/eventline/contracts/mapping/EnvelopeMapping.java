package io.eventline.contracts.mapping;

import static io.eventline.contracts.mapping.Decoding.nullable;
import static io.eventline.contracts.mapping.Decoding.optional;
import static io.eventline.contracts.mapping.Decoding.optionalLong;

import io.eventline.contracts.AggregateCodec;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.contracts.StoredAggregate;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.AvroSerde;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.header.Headers;

/**
 * The half of an aggregate type's wire mapping that is the same for every type: the envelopes'
 * metadata and the stored aggregate's version and time. The generated envelopes share their field
 * names but no interface, so the fields are read and written by position, found once by name; a
 * subclass maps only its payloads and its snapshot, between the Avro contract and the domain.
 *
 * @param <CE> the command envelope, <EE> the event envelope, <A> the stored aggregate (all generated)
 */
abstract class EnvelopeMapping<C, S, E, CE extends SpecificRecordBase, EE extends SpecificRecordBase, A extends SpecificRecordBase>
        implements AggregateCodec<C, S, E> {

    private final AvroSerde<CE> commands;
    private final AvroSerde<EE> events;
    private final AvroSerde<A> states;
    private final Supplier<CE> newCommand;
    private final Supplier<EE> newEvent;
    private final Supplier<A> newState;
    private final CommandFields commandFields;
    private final EventFields eventFields;
    private final StateFields stateFields;

    EnvelopeMapping(SchemaRegistry registry, Class<CE> commandType, Supplier<CE> newCommand, Class<EE> eventType,
                    Supplier<EE> newEvent, Class<A> stateType, Supplier<A> newState) {
        this.commands = AvroSerde.forValues(commandType, registry);
        this.events = AvroSerde.forValues(eventType, registry);
        this.states = AvroSerde.forValues(stateType, registry);
        this.newCommand = newCommand;
        this.newEvent = newEvent;
        this.newState = newState;
        this.commandFields = new CommandFields(newCommand.get().getSchema());
        this.eventFields = new EventFields(newEvent.get().getSchema());
        this.stateFields = new StateFields(newState.get().getSchema());
    }

    @Override
    public final void registerContracts(String commandTopic, String eventTopic, String stateSubjectTopic) {
        commands.registerFor(commandTopic);
        events.registerFor(eventTopic);
        states.registerFor(stateSubjectTopic);
    }

    /** The domain command a command envelope's payload stands for; throws for one it does not know. */
    protected abstract C command(Object payload);

    protected abstract Object commandPayload(C command);

    /** The domain event an event envelope's payload stands for; throws for one it does not know. */
    protected abstract E event(Object payload);

    protected abstract Object eventPayload(E event);

    /** The domain state of the aggregate {@code aggregateId} (the store key) from its stored snapshot. */
    protected abstract S state(String aggregateId, Object snapshot);

    protected abstract Object snapshot(S state);

    @Override
    public final CommandEnvelope<C> decodeCommand(String topic, Headers headers, byte[] value) {
        CommandFields f = commandFields;
        return Decoding.decode(commands, topic, headers, value, c -> new CommandEnvelope<>(
                new CommandMetadata((String) c.get(f.commandId), (String) c.get(f.aggregateId),
                        optionalLong((Long) c.get(f.expectedVersion)), (Instant) c.get(f.issuedAt),
                        (String) c.get(f.correlationId), optional((String) c.get(f.causationId)), (String) c.get(f.actor),
                        optional((String) c.get(f.onBehalfOf))),
                command(c.get(f.payload))));
    }

    @Override
    public final byte[] encodeCommand(String topic, Headers headers, CommandEnvelope<C> command) {
        CommandMetadata m = command.metadata();
        CommandFields f = commandFields;
        CE c = newCommand.get();
        c.put(f.commandId, m.commandId());
        c.put(f.aggregateId, m.aggregateId());
        c.put(f.expectedVersion, nullable(m.expectedVersion()));
        c.put(f.issuedAt, m.issuedAt());
        c.put(f.correlationId, m.correlationId());
        c.put(f.causationId, m.causationId().orElse(null));
        c.put(f.actor, m.actor());
        c.put(f.onBehalfOf, m.onBehalfOf().orElse(null));
        c.put(f.payload, commandPayload(command.command()));
        return commands.serializer().serialize(topic, headers, c);
    }

    @Override
    public final EventEnvelope<E> decodeEvent(String topic, Headers headers, byte[] value) {
        EventFields f = eventFields;
        return Decoding.decode(events, topic, headers, value, e -> new EventEnvelope<>(
                new EventMetadata((String) e.get(f.eventId), (String) e.get(f.aggregateType), (String) e.get(f.aggregateId),
                        (Long) e.get(f.version), (Instant) e.get(f.occurredAt), (String) e.get(f.commandId),
                        (String) e.get(f.correlationId), optional((String) e.get(f.causationId)), (String) e.get(f.actor),
                        optional((String) e.get(f.onBehalfOf))),
                event(e.get(f.payload))));
    }

    @Override
    public final byte[] encodeEvent(String topic, Headers headers, EventEnvelope<E> event) {
        EventMetadata m = event.metadata();
        EventFields f = eventFields;
        EE e = newEvent.get();
        e.put(f.eventId, m.eventId());
        e.put(f.aggregateType, m.aggregateType());
        e.put(f.aggregateId, m.aggregateId());
        e.put(f.version, m.version());
        e.put(f.occurredAt, m.occurredAt());
        e.put(f.commandId, m.commandId());
        e.put(f.correlationId, m.correlationId());
        e.put(f.causationId, m.causationId().orElse(null));
        e.put(f.actor, m.actor());
        e.put(f.onBehalfOf, m.onBehalfOf().orElse(null));
        e.put(f.payload, eventPayload(event.event()));
        return events.serializer().serialize(topic, headers, e);
    }

    @Override
    public final StoredAggregate<S> decodeState(String subjectTopic, String aggregateId, byte[] value) {
        StateFields f = stateFields;
        return Decoding.decode(states, subjectTopic, null, value, a -> new StoredAggregate<>(
                (Long) a.get(f.version), (Instant) a.get(f.updatedAt), state(aggregateId, a.get(f.state))));
    }

    @Override
    public final byte[] encodeState(String subjectTopic, StoredAggregate<S> state) {
        StateFields f = stateFields;
        A a = newState.get();
        a.put(f.version, state.version());
        a.put(f.updatedAt, state.updatedAt());
        a.put(f.state, snapshot(state.state()));
        return states.serializer().serialize(subjectTopic, a);
    }

    /** A field's position, or a clear failure at start when a contract lost one of the shared fields. */
    private static int position(Schema schema, String field) {
        Schema.Field f = schema.getField(field);
        if (f == null) {
            throw new IllegalStateException(schema.getFullName() + " has no field '" + field + "', which every envelope needs");
        }
        return f.pos();
    }

    private record CommandFields(int commandId, int aggregateId, int expectedVersion, int issuedAt, int correlationId,
                                 int causationId, int actor, int onBehalfOf, int payload) {
        CommandFields(Schema s) {
            this(position(s, "commandId"), position(s, "aggregateId"), position(s, "expectedVersion"), position(s, "issuedAt"),
                    position(s, "correlationId"), position(s, "causationId"), position(s, "actor"), position(s, "onBehalfOf"),
                    position(s, "payload"));
        }
    }

    private record EventFields(int eventId, int aggregateType, int aggregateId, int version, int occurredAt, int commandId,
                               int correlationId, int causationId, int actor, int onBehalfOf, int payload) {
        EventFields(Schema s) {
            this(position(s, "eventId"), position(s, "aggregateType"), position(s, "aggregateId"), position(s, "version"),
                    position(s, "occurredAt"), position(s, "commandId"), position(s, "correlationId"),
                    position(s, "causationId"), position(s, "actor"), position(s, "onBehalfOf"), position(s, "payload"));
        }
    }

    private record StateFields(int version, int updatedAt, int state) {
        StateFields(Schema s) {
            this(position(s, "version"), position(s, "updatedAt"), position(s, "state"));
        }
    }
}
