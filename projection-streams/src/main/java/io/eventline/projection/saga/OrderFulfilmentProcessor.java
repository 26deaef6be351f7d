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
 * DeadlinePassed input, handled the same way. Store, deadlines and commands commit in the task's
 * exactly-once transaction, together or not at all.
 */
final class OrderFulfilmentProcessor implements Processor<String, SagaInput, String, Outgoing> {

    private final OrderFulfilment saga = new OrderFulfilment();
    private final SagaCommands commands;
    private final SagaSettings settings;
    private ProcessorContext<String, Outgoing> context;
    private KeyValueStore<String, StoredSaga> sagas;
    private Deadlines deadlines;

    OrderFulfilmentProcessor(SagaCommands commands, SagaSettings settings) {
        this.commands = commands;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Outgoing> context) {
        this.context = context;
        this.sagas = context.getStateStore(OrderFulfilmentTopology.SAGA_STORE);
        KeyValueStore<Bytes, String> deadlineStore = context.getStateStore(OrderFulfilmentTopology.DEADLINE_STORE);
        this.deadlines = new Deadlines(deadlineStore);
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

    /** Evolve, store, react: the one path every input takes, a deadline included. */
    private void handle(StoredSaga current, SagaInput input, long timestamp) {
        FulfilmentState state = saga.evolve(current.state(), input.event());
        List<FulfilmentCommand> due = saga.react(state, input.event());
        Optional<String> correlationId = current.correlationAfter(input);
        StoredSaga next = new StoredSaga(state, correlationId, deadlineAfter(current, state, input));
        sagas.put(state.orderId(), next);
        for (Outgoing command : commands.encode(due, input, correlationId.orElse(state.orderId()))) {
            context.forward(new Record<>(command.key(), command, timestamp, command.headers()));
        }
    }

    /**
     * A deadline starts with the order's first OrderPlaced, at its time plus the timeout, and ends
     * once the saga no longer waits on reservations or the charge: confirmed, compensating or done.
     */
    private Optional<Instant> deadlineAfter(StoredSaga current, FulfilmentState state, SagaInput input) {
        boolean waiting = !state.confirmed() && state.reason() == null && !saga.isTerminal(state);
        Optional<Instant> deadline = current.deadline();
        if (deadline.isPresent() && (!waiting || input.event() instanceof FulfilmentEvent.DeadlinePassed)) {
            deadlines.cancel(new Deadlines.Due(state.orderId(), deadline.get()));
            return Optional.empty();
        }
        boolean firstPlaced = input.event() instanceof FulfilmentEvent.OrderPlaced && current.state().order() == null;
        if (deadline.isEmpty() && waiting && firstPlaced) {
            Deadlines.Due due = new Deadlines.Due(state.orderId(), input.occurredAt().plus(settings.deadline()));
            deadlines.schedule(due);
            return Optional.of(due.at());
        }
        return deadline;
    }

    private void fireDeadlines(Instant now) {
        for (Deadlines.Due due : deadlines.dueBy(now)) {
            StoredSaga current = sagas.get(due.orderId());
            if (current == null || !current.deadline().equals(Optional.of(due.at()))) {
                deadlines.cancel(due); // left over from a saga that moved on: nothing to raise
                continue;
            }
            // Still pending means still waiting: deadlineAfter ends a deadline on confirmation,
            // compensation or the end. Issued at the due time, not now: the same commands whenever the scan runs.
            SagaInput input = new SagaInput(SagaInput.deadlineId(due.orderId()), due.at(), current.correlationId(),
                    new FulfilmentEvent.DeadlinePassed(due.orderId()));
            handle(current, input, due.at().toEpochMilli());
        }
    }
}
