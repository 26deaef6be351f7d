package io.eventline.command.topology;

import io.eventline.command.AggregateType;
import io.eventline.command.CommandEnvelope;
import io.eventline.command.CommandMetadata;
import io.eventline.command.CommandMetrics;
import io.eventline.command.CommandOutcome;
import io.eventline.command.EventEnvelope;
import io.eventline.command.EventMetadata;
import io.eventline.command.OutcomeCodec;
import io.eventline.command.StoredAggregate;
import io.eventline.domain.core.Rejection;
import io.eventline.schemas.serde.UndecodableRecordException;
import io.eventline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The command contract, for one aggregate type, inside the task that owns the aggregate's
 * partition: decode → deduplicate → check the expected version → decide → append events, store
 * the state, remember and publish the outcome. Everything it writes (events, state, dedup entry,
 * result, dead letter) commits in the task's exactly-once transaction, or not at all.
 */
final class CommandProcessor<C, S, E> implements Processor<String, byte[], Object, byte[]> {

    static final String CONCURRENCY_CONFLICT = "CONCURRENCY_CONFLICT";
    static final String AGGREGATE_ID_MISMATCH = "AGGREGATE_ID_MISMATCH";
    static final String PROCESSING_FAILED = "PROCESSING_FAILED";
    static final String TOO_LARGE = "TOO_LARGE";

    private final AggregateType<C, S, E> type;
    private final Topics topics;
    private final OutcomeCodec outcomes;
    private final CommandMetrics metrics;
    private final Duration dedupRetention;
    private final StoreNames names;
    private ProcessorContext<Object, byte[]> context;
    private KeyValueStore<String, byte[]> aggregates;
    private WindowStore<String, byte[]> dedup;
    private String stateSubject;
    private RecordLimit limit;

    CommandProcessor(AggregateType<C, S, E> type, Topics topics, OutcomeCodec outcomes, CommandMetrics metrics,
                     Duration dedupRetention) {
        this.type = type;
        this.topics = topics;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.dedupRetention = dedupRetention;
        this.names = new StoreNames(type.name());
    }

    @Override
    public void init(ProcessorContext<Object, byte[]> context) {
        this.context = context;
        this.aggregates = context.getStateStore(names.aggregates());
        this.dedup = context.getStateStore(names.dedup());
        this.stateSubject = names.aggregatesChangelog(context.applicationId());
        this.limit = RecordLimit.from(context.appConfigs());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        CommandEnvelope<C> command;
        try {
            command = type.codec().decodeCommand(topics.commands(type.name()), record.headers(), record.value());
        } catch (UndecodableRecordException e) {
            deadLetter(record, DeadLetters.UNDECODABLE, e);
            return;
        }
        CommandMetadata meta = command.metadata();
        byte[] firstOutcome = firstOutcome(meta.commandId(), record.timestamp());
        if (firstOutcome != null) {
            metrics.duplicate(type.name());
            publishOutcome(meta.commandId(), firstOutcome, record.timestamp());
            return;
        }
        CommandOutcome outcome;
        boolean deadLettered = false;
        try {
            outcome = handle(command, record);
        } catch (RuntimeExceptionFromDomain e) {
            deadLetter(record, DeadLetters.HANDLER_FAILED, e.getCause());
            deadLettered = true;
            outcome = reject(meta, currentVersion(meta.aggregateId()), PROCESSING_FAILED,
                    "the command could not be processed and was sent to the dead-letter topic");
        }
        byte[] encoded = outcomes.encodeOutcome(topics.commandResults(), outcome);
        int resultSize = RecordLimit.size(RecordLimit.windowKey(utf8(meta.commandId())), encoded, null);
        if (resultSize > limit.maxBytes()) {
            // Ids of a megabyte: not even a refusal can be sent, so no client can be answered.
            if (!deadLettered) {
                deadLetter(record, DeadLetters.TOO_LARGE, new RecordTooLargeException("its result would take a record of "
                        + resultSize + " bytes, over the " + limit.maxBytes() + "-byte limit"));
            }
            return;
        }
        dedup.put(meta.commandId(), encoded, record.timestamp());
        publishOutcome(meta.commandId(), encoded, record.timestamp());
    }

    private CommandOutcome handle(CommandEnvelope<C> command, Record<String, byte[]> record) {
        CommandMetadata meta = command.metadata();
        if (!meta.aggregateId().equals(record.key()) || !meta.aggregateId().equals(type.codec().aggregateIdOf(command.command()))) {
            // The record key chose the partition, and so the task and store; any disagreement would
            // put the aggregate's state in the wrong place.
            return reject(meta, 0, AGGREGATE_ID_MISMATCH, "record key '" + record.key() + "', envelope aggregateId '"
                    + meta.aggregateId() + "' and payload id '" + type.codec().aggregateIdOf(command.command()) + "' must be equal");
        }
        StoredAggregate<S> current = load(meta.aggregateId());
        if (meta.expectedVersion().isPresent() && meta.expectedVersion().getAsLong() != current.version()) {
            return reject(meta, current.version(), CONCURRENCY_CONFLICT, "expected version "
                    + meta.expectedVersion().getAsLong() + " but the aggregate is at version " + current.version());
        }
        List<E> events;
        try {
            events = type.decider().decide(command.command(), current.state());
        } catch (Rejection rejection) {
            return reject(meta, current.version(), rejection.code(), rejection.getMessage());
        } catch (RuntimeException bug) {
            throw new RuntimeExceptionFromDomain(bug);
        }
        return append(meta, type.codec().commandTypeOf(command.command()), current, events);
    }

    private CommandOutcome append(CommandMetadata meta, String commandType, StoredAggregate<S> current, List<E> events) {
        S state = current.state();
        long version = current.version();
        List<String> eventIds = new ArrayList<>(events.size());
        List<Record<Object, byte[]>> out = new ArrayList<>(events.size());
        String eventTopic = topics.events(type.name());
        for (int i = 0; i < events.size(); i++) {
            E event = Objects.requireNonNull(events.get(i), "decide returned a null event");
            version++;
            try {
                state = type.decider().evolve(state, event);
            } catch (RuntimeException bug) {
                throw new RuntimeExceptionFromDomain(bug);
            }
            String eventId = EventIds.of(meta.commandId(), i);
            eventIds.add(eventId);
            EventMetadata eventMeta = new EventMetadata(eventId, type.name(), meta.aggregateId(), version,
                    meta.issuedAt(), meta.commandId(), meta.correlationId(), meta.causationId(), meta.actor());
            Headers headers = new RecordHeaders();
            byte[] value = type.codec().encodeEvent(eventTopic, headers, new EventEnvelope<>(eventMeta, event));
            byte[] key = outcomes.encodeEventKey(eventTopic, meta.aggregateId(), version);
            out.add(new Record<Object, byte[]>(new EventKeyRef(meta.aggregateId(), version, key), value,
                    meta.issuedAt().toEpochMilli(), headers));
        }
        byte[] stored = events.isEmpty() ? null
                : type.codec().encodeState(stateSubject, new StoredAggregate<>(version, meta.issuedAt(), state));
        int largest = largestRecord(out, meta.aggregateId(), stored);
        if (largest > limit.maxBytes()) {
            // The producer would refuse it and fail the task, at every retry: refuse the command instead.
            return reject(meta, current.version(), TOO_LARGE, "its events or new state would take a record of " + largest
                    + " bytes, over the " + limit.maxBytes() + "-byte limit");
        }
        // Only now, with every event built, does anything leave: a failure above leaves no trace.
        out.forEach(r -> context.forward(r, names.eventSink()));
        if (stored != null) {
            aggregates.put(meta.aggregateId(), stored);
        }
        CommandOutcome outcome = CommandOutcome.accepted(meta, type.name(), version, eventIds, processedAt());
        metrics.accepted(type.name(), commandType, events.size(), latency(meta));
        return outcome;
    }

    /** The largest record appending would write: an event, or the new state in the store's changelog. */
    private static int largestRecord(List<Record<Object, byte[]>> events, String aggregateId, byte[] stored) {
        int largest = stored == null ? 0 : RecordLimit.size(utf8(aggregateId), stored, null);
        for (Record<Object, byte[]> event : events) {
            largest = Math.max(largest, RecordLimit.size(((EventKeyRef) event.key()).encoded(), event.value(), event.headers()));
        }
        return largest;
    }

    private StoredAggregate<S> load(String aggregateId) {
        byte[] stored = aggregates.get(aggregateId);
        return stored == null ? type.initial() : type.codec().decodeState(stateSubject, aggregateId, stored);
    }

    private long currentVersion(String aggregateId) {
        try {
            return load(aggregateId).version();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private byte[] firstOutcome(String commandId, long timestamp) {
        long from = Math.max(0, timestamp - dedupRetention.toMillis());
        // The millisecond overload: the Instant one formats an error-message prefix on every call,
        // which showed in the profile (docs/benchmarks.md).
        try (WindowStoreIterator<byte[]> seen = dedup.fetch(commandId, from, timestamp + dedupRetention.toMillis())) {
            return seen.hasNext() ? seen.next().value : null;
        }
    }

    private CommandOutcome reject(CommandMetadata meta, long version, String code, String message) {
        metrics.rejected(type.name(), code, latency(meta));
        return CommandOutcome.rejected(meta, type.name(), version, code, message, processedAt());
    }

    private void publishOutcome(String commandId, byte[] outcome, long timestamp) {
        context.forward(new Record<Object, byte[]>(commandId, outcome, timestamp), names.resultSink());
    }

    private void deadLetter(Record<String, byte[]> record, String reason, Throwable error) {
        metrics.deadLettered(type.name(), reason);
        Headers headers = DeadLetters.headers(record.headers(), reason, error, context.recordMetadata().orElse(null));
        String key = record.key();
        byte[] value = record.value();
        if (!limit.fits(key == null ? null : utf8(key), value, headers)) {
            // The original bytes and their error headers exceed a record: keep the headers, which say
            // where the original still is (dlq.source.*), and drop what does not fit.
            DeadLetters.omitted(headers, value);
            value = null;
            key = limit.fits(key == null ? null : utf8(key), null, headers) ? key : null;
        }
        context.forward(new Record<Object, byte[]>(key, value, record.timestamp(), headers), names.deadLetterSink());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Instant processedAt() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    private Duration latency(CommandMetadata meta) {
        return Duration.ofMillis(Math.max(0, context.currentSystemTimeMs() - meta.issuedAt().toEpochMilli()));
    }

    /** A decider threw something other than a Rejection: a bug in the domain, not bad input. */
    static final class RuntimeExceptionFromDomain extends RuntimeException {
        RuntimeExceptionFromDomain(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
