package io.eventline.projection.saga;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommittedRecords;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.fulfilment.FulfilmentState;
import io.eventline.domain.fulfilment.OrderFulfilment;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Checks, once a workload has settled, that order fulfilment kept its promises, from the event topics
 * alone (read_committed, from the beginning to their end now): every order shipped (or delivered) or
 * cancelled; a cancelled order released all its stock, committed none and was refunded; a shipped one
 * paid its total once; no stock level and no balance ever negative, after any event; per account,
 * the balance equals the deposits minus what its orders cost in the end.
 *
 * <pre>{@code
 * InvariantReport report = new InvariantChecker(settings.clientConfig(), settings.topics(), registry).check();
 * if (!report.holds()) System.err.println(report);
 * }</pre>
 */
public final class InvariantChecker {

    private final Map<String, Object> clientConfig;
    private final Topics topics;
    private final SchemaRegistry registry;
    private final Duration readTimeout;
    private final Optional<String> sagaApplicationId;

    public InvariantChecker(Map<String, Object> clientConfig, Topics topics, SchemaRegistry registry) {
        this(clientConfig, topics, registry, Duration.ofSeconds(60));
    }

    public InvariantChecker(Map<String, Object> clientConfig, Topics topics, SchemaRegistry registry, Duration readTimeout) {
        this(clientConfig, topics, registry, readTimeout, Optional.empty());
    }

    private InvariantChecker(Map<String, Object> clientConfig, Topics topics, SchemaRegistry registry, Duration readTimeout,
                             Optional<String> sagaApplicationId) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topics = topics;
        this.registry = registry;
        this.readTimeout = readTimeout;
        this.sagaApplicationId = sagaApplicationId;
    }

    /**
     * Also checks the sagas as the saga application {@code applicationId} stored them (its store's
     * changelog, read_committed): none parked as STUCK, and none that is neither finished nor parked
     * without a pending deadline, which nothing would ever wake.
     */
    public InvariantChecker withSagaStore(String applicationId) {
        return new InvariantChecker(clientConfig, topics, registry, readTimeout, Optional.of(applicationId));
    }

    public InvariantReport check() {
        Invariants invariants = new Invariants();
        read(Aggregates.order(registry), e -> invariants.order(e.metadata().aggregateId(), e.metadata().version(), e.event()));
        read(Aggregates.inventory(registry), e -> invariants.inventory(e.metadata().aggregateId(), e.metadata().version(), e.event()));
        read(Aggregates.account(registry), e -> invariants.account(e.metadata().aggregateId(), e.metadata().version(), e.event()));
        InvariantReport report = invariants.report();
        if (sagaApplicationId.isEmpty()) {
            return report;
        }
        List<InvariantReport.Violation> violations = new ArrayList<>(report.violations());
        violations.addAll(sagaViolations(sagaApplicationId.get()));
        return new InvariantReport(report.ordersShipped(), report.ordersCancelled(), report.ordersOpen(), report.eventsRead(),
                violations);
    }

    private List<InvariantReport.Violation> sagaViolations(String applicationId) {
        String changelog = applicationId + "-" + OrderFulfilmentTopology.SAGA_STORE + "-changelog";
        Deserializer<StoredSaga> sagas = StoredSagaMapping.serde(registry).deserializer();
        Map<String, byte[]> latest = new HashMap<>();
        readTopic(changelog, record -> latest.put(new String(record.key(), StandardCharsets.UTF_8), record.value()));
        OrderFulfilment pm = new OrderFulfilment();
        List<InvariantReport.Violation> violations = new ArrayList<>();
        latest.forEach((orderId, value) -> {
            if (value == null) {
                return;
            }
            StoredSaga saga = sagas.deserialize(changelog, value);
            FulfilmentState state = saga.state();
            if (state.stuck() != null) {
                violations.add(new InvariantReport.Violation("saga-parked", orderId, state.stuck()));
            } else if (!pm.isTerminal(state) && saga.deadline().isEmpty()) {
                violations.add(new InvariantReport.Violation("saga-without-deadline", orderId,
                        state.status() + " with no deadline pending: nothing would ever wake it"));
            }
        });
        return violations;
    }

    /** Feeds every event of the type's topic, partition by partition: each aggregate's events stay in order. */
    private <E> void read(AggregateType<?, ?, E> type, Consumer<EventEnvelope<E>> sink) {
        String topic = topics.events(type.name());
        readTopic(topic, record -> {
            if (record.value() != null) { // an erased event: nothing to check
                sink.accept(type.codec().decodeEvent(topic, record.headers(), record.value()));
            }
        });
    }

    /** Every committed record of {@code topic}, from the beginning to its end now, each partition in order. */
    private void readTopic(String topic, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        CommittedRecords.readToEnd(clientConfig, topic, readTimeout).forEach(sink);
    }
}
