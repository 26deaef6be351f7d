package io.eventline.projection.saga;

import io.eventline.domain.fulfilment.FulfilmentCommand;
import io.eventline.domain.fulfilment.FulfilmentEvent;
import io.eventline.domain.fulfilment.FulfilmentState;
import io.eventline.domain.fulfilment.OrderFulfilment;
import io.eventline.projection.saga.SagaCommands.Outgoing;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The saga, in the task that owns the order's partition: for each input, evolve the order's saga,
 * store it, and send what it owes. A wall-clock punctuator turns each due deadline into a
 * DeadlinePassed input, handled the same way, once the saga's input is known to be processed up to
 * the due time ({@link InputWatermark}), and at most {@link SagaSettings#maxDeadlinesPerScan()} per
 * scan, so that one transaction stays small after a long outage. Store, deadlines and commands
 * commit in the task's exactly-once transaction, together or not at all.
 *
 * <p>Every saga that is neither finished nor parked has a deadline: before confirmation, from its
 * first input (the order's whole time to be confirmed); after that, and while compensating, from its
 * last input that moved it on. When one passes before confirmation the saga compensates; after, it
 * is parked as STUCK (see {@link io.eventline.domain.fulfilment.OrderFulfilment}).
 */
final class OrderFulfilmentProcessor implements Processor<String, SagaInput, String, Outgoing> {

    private final OrderFulfilment saga = new OrderFulfilment();
    private final SagaCommands commands;
    private final SagaSettings settings;
    private final InputWatermark watermark;
    private final SagaMetrics metrics;
    private ProcessorContext<String, Outgoing> context;
    private KeyValueStore<String, StoredSaga> sagas;
    private Deadlines deadlines;

    OrderFulfilmentProcessor(SagaCommands commands, SagaSettings settings, InputWatermark watermark, SagaMetrics metrics) {
        this.commands = commands;
        this.settings = settings;
        this.watermark = watermark;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Outgoing> context) {
        this.context = context;
        this.sagas = context.getStateStore(OrderFulfilmentTopology.SAGA_STORE);
        KeyValueStore<Bytes, String> deadlineStore = context.getStateStore(OrderFulfilmentTopology.DEADLINE_STORE);
        this.deadlines = new Deadlines(deadlineStore);
        watermark.open(context.applicationId());
        context.schedule(settings.scanInterval(), PunctuationType.WALL_CLOCK_TIME, now -> fireDeadlines(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, SagaInput> record) {
        SagaInput input = record.value();
        if (input == null) {
            return;
        }
        StoredSaga current = Optional.ofNullable(sagas.get(input.orderId())).orElseGet(() -> StoredSaga.initial(saga));
        handle(current, input, record.timestamp());
    }

    @Override
    public void close() {
        watermark.release();
    }

    /**
     * Evolve, react, store, send: the one path every input takes, a deadline included. Everything that
     * can fail on an input (the rules, encoding the commands) comes before the first write, so a
     * failure leaves the saga as it was: the input that reached the saga directly from
     * {@link OrderFulfilmentTopology}'s decoding is then parked or retried there, never half applied.
     */
    private void handle(StoredSaga current, SagaInput input, long timestamp) {
        FulfilmentState state = saga.evolve(current.state(), input.event());
        List<FulfilmentCommand> due = saga.react(state, input.event());
        Optional<String> correlationId = current.correlationAfter(input);
        List<Outgoing> outgoing = commands.encode(due, input, correlationId.orElse(state.orderId()));
        StoredSaga next = new StoredSaga(state, correlationId, deadlineAfter(current, state, input));
        sagas.put(state.orderId(), next);
        if (state.stuck() != null && current.state().stuck() == null) {
            metrics.parked(state);
        }
        for (Outgoing command : outgoing) {
            context.forward(new Record<>(command.key(), command, timestamp, command.headers()));
        }
    }

    /**
     * The saga's deadline after {@code input}: none once finished or parked; the pending one while it
     * waits to be confirmed (set by its first input); otherwise renewed by each input that moved it
     * on (a refusal does not), and set anew when a deadline just started compensation.
     */
    private Optional<Instant> deadlineAfter(StoredSaga current, FulfilmentState state, SagaInput input) {
        Optional<Instant> pending = current.deadline();
        Optional<Instant> next;
        boolean fired = input.event() instanceof FulfilmentEvent.DeadlinePassed;
        boolean fromThisInput = pending.isEmpty() || fired;
        if (saga.isTerminal(state) || state.stuck() != null) {
            next = Optional.empty();
        } else if (fromThisInput) {
            next = Optional.of(input.occurredAt().plus(settings.deadline()));
        } else if (awaitsConfirmation(state) || input.event() instanceof FulfilmentEvent.CommandRejected
                || state.equals(current.state())) {
            next = pending; // nothing moved: the deadline stands
        } else {
            Instant renewed = input.occurredAt().plus(settings.deadline());
            next = Optional.of(renewed.isAfter(pending.get()) ? renewed : pending.get());
        }
        if (!next.equals(pending)) {
            pending.ifPresent(at -> deadlines.cancel(new Deadlines.Due(state.orderId(), at)));
            next.ifPresent(at -> deadlines.schedule(new Deadlines.Due(state.orderId(), at)));
        }
        return next;
    }

    private static boolean awaitsConfirmation(FulfilmentState state) {
        return !state.confirmed() && state.reason() == null;
    }

    private void fireDeadlines(Instant now) {
        Instant processedUpTo = watermark.caughtUpTo(now);
        metrics.watermark(now, processedUpTo);
        for (Deadlines.Due due : deadlines.dueBy(processedUpTo, settings.maxDeadlinesPerScan())) {
            StoredSaga current = sagas.get(due.orderId());
            if (current == null || !current.deadline().equals(Optional.of(due.at()))) {
                deadlines.cancel(due); // left over from a saga that moved on: nothing to raise
                continue;
            }
            // Issued at the due time, not now: the same commands whenever the scan runs.
            SagaInput input = new SagaInput(SagaInput.deadlineId(due.orderId(), due.at()), due.at(), current.correlationId(),
                    new FulfilmentEvent.DeadlinePassed(due.orderId()));
            handle(current, input, due.at().toEpochMilli());
        }
    }
}
