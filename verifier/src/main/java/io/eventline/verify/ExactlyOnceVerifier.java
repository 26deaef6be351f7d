package io.eventline.verify;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.contracts.StoreNames;
import io.eventline.projection.saga.InvariantChecker;
import io.eventline.projection.saga.InvariantReport;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a pipeline processed every command exactly once, from its committed output alone, the
 * way Kafka's own EOS system tests do: one result per command record (a command sent again gets its
 * first result again), every undecodable command dead-lettered once, per aggregate versions 1..n with
 * no gap and no duplicate and every event with its command's accepted result, each aggregate's stored
 * state equal to the fold of its events, no transaction left open; and, when the saga ran, its invariants.
 *
 * <pre>{@code
 * VerificationReport report = new ExactlyOnceVerifier(clientConfig, topics, registry).withSagaInvariants()
 *         .awaitHolds(Duration.ofMinutes(1));
 * }</pre>
 */
public final class ExactlyOnceVerifier {

    private final Map<String, Object> clientConfig;
    private final Topics topics;
    private final SchemaRegistry registry;
    private final String commandServiceId;
    private final boolean sagaInvariants;
    private final Optional<String> sagaApplicationId;
    private final Duration readTimeout = Duration.ofSeconds(60);

    public ExactlyOnceVerifier(Map<String, Object> clientConfig, Topics topics, SchemaRegistry registry) {
        this(clientConfig, topics, registry, StoreNames.DEFAULT_COMMAND_SERVICE_ID, false, Optional.empty());
    }

    private ExactlyOnceVerifier(Map<String, Object> clientConfig, Topics topics, SchemaRegistry registry,
                                String commandServiceId, boolean sagaInvariants, Optional<String> sagaApplicationId) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topics = topics;
        this.registry = registry;
        this.commandServiceId = commandServiceId;
        this.sagaInvariants = sagaInvariants;
        this.sagaApplicationId = sagaApplicationId;
    }

    /** The command service's application id: its aggregates store changelogs are named after it. */
    public ExactlyOnceVerifier withCommandServiceId(String applicationId) {
        return new ExactlyOnceVerifier(clientConfig, topics, registry, applicationId, sagaInvariants, sagaApplicationId);
    }

    /** Also run {@link InvariantChecker}: only for a pipeline whose orders go through the saga. */
    public ExactlyOnceVerifier withSagaInvariants() {
        return new ExactlyOnceVerifier(clientConfig, topics, registry, commandServiceId, true, sagaApplicationId);
    }

    /**
     * The saga's invariants, and its store's too, as the saga application {@code applicationId} kept
     * it: no saga parked as STUCK, none unfinished without a pending deadline.
     */
    public ExactlyOnceVerifier withSagaInvariants(String applicationId) {
        return new ExactlyOnceVerifier(clientConfig, topics, registry, commandServiceId, true, Optional.of(applicationId));
    }

    /** Reads everything once, now, and checks it. */
    public VerificationReport check() {
        List<String> read = new ArrayList<>(topics.all().stream().map(t -> t.name()).toList());
        Topics.AGGREGATES.forEach(type -> read.add(changelog(type)));
        PipelineLog log = new LogReader(clientConfig, readTimeout).read(read);
        Optional<InvariantReport> invariants = sagaInvariants
                ? Optional.of(sagaApplicationId.map(new InvariantChecker(clientConfig, topics, registry, readTimeout)::withSagaStore)
                        .orElseGet(() -> new InvariantChecker(clientConfig, topics, registry, readTimeout)).check())
                : Optional.empty();
        return check(log, invariants);
    }

    /**
     * Checks until everything holds or the timeout passes, and returns the last report: a workload
     * still settling (commands not yet answered, a crashed producer's transaction not yet aborted)
     * gets the time to settle, what is broken for good is reported at the end.
     */
    public VerificationReport awaitHolds(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        VerificationReport report = check();
        while (!report.holds() && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            report = check();
        }
        return report;
    }

    /** Checks a log read elsewhere: a TopologyTestDriver's output, say. */
    public VerificationReport check(PipelineLog log, Optional<InvariantReport> invariants) {
        Findings findings = new Findings();
        AvroOutcomeCodec outcomes = new AvroOutcomeCodec(registry);
        CommandChecks commands = new CommandChecks(outcomes, findings);
        List<AggregateType<?, ?, ?>> types = Aggregates.all(registry);
        types.forEach(type -> commands.commands(type, log.of(topics.commands(type.name())), topics.partitions()));
        commands.results(log.of(topics.commandResults()));
        types.forEach(type -> commands.deadLetters(log.of(topics.deadLetters(type.name()))));
        Map<String, CommandOutcome> firstOutcomes = commands.finish();
        for (AggregateType<?, ?, ?> type : types) {
            AggregateChecks<?, ?, ?> aggregate = new AggregateChecks<>(type, outcomes, findings);
            aggregate.events(log.of(topics.events(type.name())), topics.partitions(), firstOutcomes);
            aggregate.results(firstOutcomes);
            aggregate.snapshots(changelog(type.name()), log.of(changelog(type.name())));
        }
        log.openTransactions().forEach((partition, records) -> findings.violate("no transaction left open", partition,
                records + " records of an undecided transaction"));
        return new VerificationReport(findings.commands, findings.undecodableCommands, findings.results,
                findings.duplicateDeliveries, findings.deadLetters, findings.events, findings.aggregates,
                findings.snapshots, log.openTransactions(), findings.violations(), invariants);
    }

    /** The changelog of the command service's {@code <agg>-aggregates} store: the snapshots. */
    public String changelog(String aggregateType) {
        return new StoreNames(aggregateType).aggregatesChangelog(commandServiceId);
    }
}
