package io.eventline.command.topology;

import io.eventline.contracts.EventIds;
import io.eventline.contracts.StoreNames;
import io.eventline.contracts.DeadLetters;
import io.eventline.contracts.AggregatePartitioner;
import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.command.CommandMetrics;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.contracts.OutcomeCodec;
import io.eventline.contracts.StoredAggregate;
import io.eventline.domain.core.Rejection;
import io.eventline.schemas.serde.EnvelopeHeaders;
import io.eventline.schemas.serde.UndecodableRecordException;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.app.FailingRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command contract, for one aggregate type, inside the task that owns the aggregate's
 * partition: decode → move it to its aggregate's partition if it is not there → deduplicate →
 * check the issued time and the expected version → decide → append events, store the state,
 * remember and publish the outcome. Everything it writes (events, state, dedup entry, result, dead
 * letter, moved command) commits in the task's exactly-once transaction, or not at all.
 *
 * <p>Every record it writes carries the service's clock at the decision as its timestamp, and so
 * does every event as its {@code occurredAt}: the sender's {@code issuedAt} stays in the envelope,
 * and one far from that clock is refused, never written as a time the broker could refuse.
 */
final class CommandProcessor<C, S, E> implements Processor<String, byte[], Object, byte[]> {

    static final String CONCURRENCY_CONFLICT = "CONCURRENCY_CONFLICT";
    static final String AGGREGATE_ID_MISMATCH = "AGGREGATE_ID_MISMATCH";
    static final String PROCESSING_FAILED = "PROCESSING_FAILED";
    static final String TOO_LARGE = "TOO_LARGE";
    static final String ISSUED_AT_OUT_OF_RANGE = "ISSUED_AT_OUT_OF_RANGE";

    private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

    private final AggregateType<C, S, E> type;
    private final Topics topics;
    private final OutcomeCodec outcomes;
    private final CommandMetrics metrics;
    private final CommandPolicy policy;
    private final StoreNames names;
    private final NodeNames nodes;
    private ProcessorContext<Object, byte[]> context;
    private KeyValueStore<String, byte[]> aggregates;
    private WindowStore<String, byte[]> dedup;
    private String stateSubject;
    private String dedupSubject;
    private RecordLimit limit;

    CommandProcessor(AggregateType<C, S, E> type, Topics topics, OutcomeCodec outcomes, CommandMetrics metrics,
                     CommandPolicy policy) {
        this.type = type;
        this.topics = topics;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.policy = policy;
        this.names = new StoreNames(type.name());
        this.nodes = new NodeNames(type.name());
    }

    @Override
    public void init(ProcessorContext<Object, byte[]> context) {
        this.context = context;
        this.aggregates = context.getStateStore(names.aggregates());
        this.dedup = context.getStateStore(names.dedup());
        this.stateSubject = names.aggregatesChangelog(context.applicationId());
        this.dedupSubject = names.dedupChangelog(context.applicationId());
        this.limit = RecordLimit.from(context.appConfigs());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        // The service's clock at the decision: the time of everything this record leads to.
        long now = context.currentSystemTimeMs();
        FailingRecords.Coordinates at = new FailingRecords.Coordinates(source.topic(), source.partition(), source.offset());
        Optional<FailingRecords.Failure> exhausted = policy.failures().exhausted(at);
        if (exhausted.isPresent()) {
            giveUp(record, exhausted.get(), now);
            return;
        }
        CommandEnvelope<C> command;
        try {
            command = type.codec().decodeCommand(topics.commands(type.name()), record.headers(), record.value());
        } catch (UndecodableRecordException e) {
            deadLetter(record, DeadLetters.UNDECODABLE, e, now);
            return;
        }
        CommandMetadata meta = command.metadata();
        int owner = AggregatePartitioner.partitionOf(meta.aggregateId(), topics.partitions());
        if (source.partition() != owner) {
            // Another partitioner (librdkafka's, say) or an explicit partition put it here. This
            // task has no state for the aggregate: move the record, in this transaction, to the task
            // that has, which then processes it as if it had been sent there.
            move(record, meta.aggregateId(), at, now);
            return;
        }
        OutcomeCodec.Remembered first = firstOutcome(meta.commandId(), now);
        if (first != null && first.readAt().filter(at.toString()::equals).isPresent()) {
            // This very record was processed in a transaction that committed (its dedup entry is in
            // the restored store) though its offset was not: Kafka Streams can commit a thread's
            // transaction without a corrupted task's offsets (docs/faults.md). Its result is already
            // published; publishing it again would answer one command record twice.
            metrics.replayed(type.name());
            LOG.warn("{}: {} was processed already in a committed transaction whose offset was not committed;"
                    + " not answering it twice", type.name(), at);
            return;
        }
        if (first != null && replayOfFailure(record, first)) {
            // An operator re-published the dead letter after a fix: the first attempt wrote no
            // events, so processing it now applies it once. Its new outcome replaces the old one.
            LOG.info("{}: {} replays command {} from the dead letter {} ({} at {})", type.name(), at, meta.commandId(),
                    header(record, DeadLetters.REPLAYED_FROM), header(record, DeadLetters.REPLAYED_BY),
                    header(record, DeadLetters.REPLAYED_AT));
        } else if (first != null) {
            metrics.duplicate(type.name());
            publishOutcome(meta.commandId(), first.result(), now);
            return;
        }
        CommandOutcome outcome;
        boolean deadLettered = false;
        try {
            outcome = handle(command, record, now);
        } catch (RuntimeExceptionFromDomain e) {
            deadLetter(record, DeadLetters.HANDLER_FAILED, e.getCause(), now);
            deadLettered = true;
            outcome = processingFailed(meta, now);
        }
        remember(record, meta, outcome, deadLettered, at, now);
    }

    /** Stores the outcome under its command id, so a duplicate gets it again, and publishes it. */
    private void remember(Record<String, byte[]> record, CommandMetadata meta, CommandOutcome outcome, boolean deadLettered,
                          FailingRecords.Coordinates at, long now) {
        byte[] encoded = outcomes.encodeOutcome(topics.commandResults(), outcome);
        byte[] entry = outcomes.encodeRemembered(dedupSubject, encoded, at.topic(), at.partition(), at.offset());
        int resultSize = RecordLimit.size(RecordLimit.windowKey(utf8(meta.commandId())), entry, null);
        if (resultSize > limit.maxBytes()) {
            // Ids of a megabyte: not even a refusal can be sent, so no client can be answered.
            if (!deadLettered) {
                deadLetter(record, DeadLetters.TOO_LARGE, new RecordTooLargeException("its result would take a record of "
                        + resultSize + " bytes, over the " + limit.maxBytes() + "-byte limit"), now);
            }
            return;
        }
        dedup.put(meta.commandId(), entry, now);
        publishOutcome(meta.commandId(), encoded, now);
    }

    /**
     * The record failed {@code maxAttempts} times (see {@link FailingRecords}): take it out of the
     * stream, in this transaction, rather than stop the partition for good. Each further failure
     * writes less, in case what failed was the writing itself: a dead letter and a refusal, then
     * the dead letter alone, then nothing but the log line that names the record.
     */
    private void giveUp(Record<String, byte[]> record, FailingRecords.Failure failure, long now) {
        int beyond = failure.attempts() - policy.failures().maxAttempts();
        LOG.error("{}: giving up on {} after {} failed attempts ({}: {}); {}", type.name(), failure.at(), failure.attempts(),
                failure.errorClass(), failure.message(), beyond == 0 ? "dead-lettered and refused as " + PROCESSING_FAILED
                        : beyond == 1 ? "dead-lettered" : "skipped: it stays in its topic until the topic's retention");
        if (beyond >= 2) {
            return;
        }
        deadLetter(record, DeadLetters.REPEATED_FAILURE, new RepeatedFailure(failure), now);
        if (beyond == 1) {
            return;
        }
        try {
            CommandMetadata meta = type.codec().decodeCommand(topics.commands(type.name()), record.headers(), record.value())
                    .metadata();
            remember(record, meta, processingFailed(meta, now), true, failure.at(), now);
        } catch (UndecodableRecordException e) {
            // It cannot be answered: the dead letter is all there is.
        }
    }

    private CommandOutcome processingFailed(CommandMetadata meta, long now) {
        return reject(meta, currentVersion(meta.aggregateId()), PROCESSING_FAILED,
                "the command could not be processed and was sent to the dead-letter topic", now);
    }

    private void move(Record<String, byte[]> record, String aggregateId, FailingRecords.Coordinates at, long now) {
        if (record.headers().lastHeader(MovedCommand.MOVED_FROM) != null) {
            // Moved once already and still not on its aggregate's partition: the topic's partition
            // count is not the pipeline's. Moving it again would loop.
            deadLetter(record, DeadLetters.MISPARTITIONED, new IllegalStateException("moved from "
                    + header(record, MovedCommand.MOVED_FROM) + " to " + at
                    + ", yet aggregate '" + aggregateId + "' belongs to partition "
                    + AggregatePartitioner.partitionOf(aggregateId, topics.partitions()) + ": does the topic's partition count differ"
                    + " from the pipeline's (" + topics.partitions() + ")?"), now);
            return;
        }
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(MovedCommand.MOVED_FROM, utf8(at.toString()));
        metrics.moved(type.name());
        context.forward(new Record<Object, byte[]>(new MovedCommand(aggregateId, record.key()), record.value(), now, headers),
                nodes.moveSink());
    }

    private CommandOutcome handle(CommandEnvelope<C> command, Record<String, byte[]> record, long now) {
        CommandMetadata meta = command.metadata();
        long issuedAt = meta.issuedAt().toEpochMilli();
        if (issuedAt > now + policy.maxClockSkew().toMillis() || issuedAt < now - policy.dedupRetention().toMillis()) {
            // Ahead: a clock that is wrong. Older than the dedup window: its id may be forgotten, so a
            // resend could be applied twice. Either way the sender must look, not the pipeline guess.
            return reject(meta, currentVersion(meta.aggregateId()), ISSUED_AT_OUT_OF_RANGE, "issuedAt " + meta.issuedAt()
                    + " is outside what this service accepts: at most " + policy.maxClockSkew() + " ahead of its clock ("
                    + Instant.ofEpochMilli(now) + ") and at most " + policy.dedupRetention() + " behind it", now);
        }
        if (!meta.aggregateId().equals(record.key()) || !meta.aggregateId().equals(type.codec().aggregateIdOf(command.command()))) {
            // The record key chose the partition, and so the task and store; any disagreement would
            // put the aggregate's state in the wrong place.
            return reject(meta, 0, AGGREGATE_ID_MISMATCH, "record key '" + record.key() + "', envelope aggregateId '"
                    + meta.aggregateId() + "' and payload id '" + type.codec().aggregateIdOf(command.command()) + "' must be equal",
                    now);
        }
        StoredAggregate<S> current = load(meta.aggregateId());
        if (meta.expectedVersion().isPresent() && meta.expectedVersion().getAsLong() != current.version()) {
            return reject(meta, current.version(), CONCURRENCY_CONFLICT, "expected version "
                    + meta.expectedVersion().getAsLong() + " but the aggregate is at version " + current.version(), now);
        }
        List<E> events;
        try {
            events = type.decider().decide(command.command(), current.state());
        } catch (Rejection rejection) {
            return reject(meta, current.version(), rejection.code(), rejection.getMessage(), now);
        } catch (RuntimeException bug) {
            throw new RuntimeExceptionFromDomain(bug);
        }
        return append(meta, type.codec().commandTypeOf(command.command()), current, events, now);
    }

    private CommandOutcome append(CommandMetadata meta, String commandType, StoredAggregate<S> current, List<E> events,
                                 long now) {
        Instant decidedAt = Instant.ofEpochMilli(now);
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
                    decidedAt, meta.commandId(), meta.correlationId(), meta.causationId(), meta.actor(), meta.onBehalfOf());
            Headers headers = new RecordHeaders();
            byte[] value = type.codec().encodeEvent(eventTopic, headers, new EventEnvelope<>(eventMeta, event));
            byte[] key = outcomes.encodeEventKey(eventTopic, meta.aggregateId(), version);
            // The record's time is the decision's too: a time the broker accepts, whatever the sender claimed.
            out.add(new Record<Object, byte[]>(new EventKeyRef(meta.aggregateId(), version, key), value, now, headers));
        }
        byte[] stored = events.isEmpty() ? null
                : type.codec().encodeState(stateSubject, new StoredAggregate<>(version, decidedAt, state));
        int largest = largestRecord(out, meta.aggregateId(), stored);
        if (largest > limit.maxBytes()) {
            // The producer would refuse it and fail the task, at every retry: refuse the command instead.
            return reject(meta, current.version(), TOO_LARGE, "its events or new state would take a record of " + largest
                    + " bytes, over the " + limit.maxBytes() + "-byte limit", now);
        }
        // Only now, with every event built, does anything leave: a failure above leaves no trace.
        out.forEach(r -> context.forward(r, nodes.eventSink()));
        if (stored != null) {
            aggregates.put(meta.aggregateId(), stored);
        }
        CommandOutcome outcome = CommandOutcome.accepted(meta, type.name(), version, eventIds, decidedAt);
        metrics.accepted(type.name(), commandType, events.size(), latency(meta, now));
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

    /**
     * The outcome remembered for the command id: the only one, except after a replay of a failed
     * command, which remembers its new outcome after the failure: then the newest.
     */
    private OutcomeCodec.Remembered firstOutcome(String commandId, long timestamp) {
        long from = Math.max(0, timestamp - policy.dedupRetention().toMillis());
        // The millisecond overload: the Instant one formats an error-message prefix on every call,
        // which showed in the profile (docs/benchmarks.md).
        try (WindowStoreIterator<byte[]> seen = dedup.fetch(commandId, from, timestamp + policy.dedupRetention().toMillis())) {
            byte[] newest = null;
            while (seen.hasNext()) {
                newest = seen.next().value;
            }
            return newest == null ? null : outcomes.decodeRemembered(dedupSubject, newest);
        }
    }

    private boolean replayOfFailure(Record<String, byte[]> record, OutcomeCodec.Remembered first) {
        if (record.headers().lastHeader(DeadLetters.REPLAYED_FROM) == null) {
            return false;
        }
        return outcomes.decodeOutcome(topics.commandResults(), first.result()).rejection()
                .filter(r -> r.code().equals(PROCESSING_FAILED)).isPresent();
    }

    private static String header(Record<String, byte[]> record, String name) {
        return Objects.requireNonNullElse(EnvelopeHeaders.text(record.headers(), name), "?");
    }

    private CommandOutcome reject(CommandMetadata meta, long version, String code, String message, long now) {
        metrics.rejected(type.name(), code, latency(meta, now));
        return CommandOutcome.rejected(meta, type.name(), version, code, message, Instant.ofEpochMilli(now));
    }

    private void publishOutcome(String commandId, byte[] outcome, long timestamp) {
        context.forward(new Record<Object, byte[]>(commandId, outcome, timestamp), nodes.resultSink());
    }

    private void deadLetter(Record<String, byte[]> record, String reason, Throwable error, long now) {
        metrics.deadLettered(type.name(), reason);
        RecordMetadata source = context.recordMetadata().orElse(null);
        Headers headers = DeadLetters.headers(record.headers(), reason, error, source == null ? null : source.topic(),
                source == null ? -1 : source.partition(), source == null ? -1 : source.offset(), record.timestamp());
        String key = record.key();
        byte[] value = record.value();
        if (!limit.fits(key == null ? null : utf8(key), value, headers)) {
            // The original bytes and their error headers exceed a record: keep the headers, which say
            // where the original still is (dlq.source.*), and drop what does not fit.
            DeadLetters.omitted(headers, value);
            value = null;
            key = limit.fits(key == null ? null : utf8(key), null, headers) ? key : null;
        }
        // The original timestamp travels in a header: the broker might refuse it as the record's own.
        context.forward(new Record<Object, byte[]>(key, value, now, headers), nodes.deadLetterSink());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Duration latency(CommandMetadata meta, long now) {
        return Duration.ofMillis(Math.max(0, now - meta.issuedAt().toEpochMilli()));
    }

    /** What a dead letter says of a record that failed again and again. */
    static final class RepeatedFailure extends RuntimeException {
        RepeatedFailure(FailingRecords.Failure failure) {
            super("failed " + failure.attempts() + " times, last with " + failure.errorClass() + ": " + failure.message());
        }
    }

    /** A decider threw something other than a Rejection: a bug in the domain, not bad input. */
    static final class RuntimeExceptionFromDomain extends RuntimeException {
        RuntimeExceptionFromDomain(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
