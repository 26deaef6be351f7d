package io.eventline.projection.saga;

import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.command.app.CommandService;
import io.eventline.client.EventlineClient;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.contracts.AggregateType;
import io.eventline.domain.fulfilment.OrderFulfilment;
import io.eventline.projection.app.ProjectionService;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.config.ServiceSettings;
import io.eventline.testsupport.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One pipeline on the shared broker for a real-broker test: its own topic prefix and application ids,
 * a schema registry on the broker, a command gateway, and the services it starts in this JVM.
 */
final class SagaPipeline implements AutoCloseable {

    final KafkaTestCluster kafka;
    final String prefix;
    final Topics topics;
    final ServiceSettings settings;
    final SchemaRegistry registry;
    final AvroOutcomeCodec outcomes;
    private final Path stateRoot;
    private final List<AutoCloseable> running = new ArrayList<>();
    private EventlineClient gateway;

    SagaPipeline(KafkaTestCluster kafka, String prefix, Path stateRoot) {
        this.kafka = kafka;
        this.prefix = prefix;
        this.stateRoot = stateRoot;
        this.settings = ServiceSettings.fromEnvironment(Map.of(
                        "EVENTLINE_TOPIC_PREFIX", prefix,
                        "EVENTLINE_PARTITIONS", "3",
                        "EVENTLINE_STANDBY_REPLICAS", "0",
                        "EVENTLINE_HTTP_HOST", "127.0.0.1"), prefix, 0)
                .withBootstrapServers(kafka.bootstrapServers());
        this.topics = settings.topics();
        this.registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
        this.outcomes = new AvroOutcomeCodec(registry);
    }

    CommandService startCommandService() throws Exception {
        ServiceSettings own = new ServiceSettings(prefix + "-commands", settings.bootstrapServers(), topics,
                settings.schemaRegistryUrl(), settings.httpHost(), 0, settings.advertisedHost(), stateRoot.resolve("commands"),
                settings.commitInterval(), settings.readModelCommitInterval(), settings.standbyReplicas(), settings.streamThreads(),
                settings.dedupRetention(),
                settings.maxClockSkew(), settings.poisonAttempts(),
                settings.maxStaleLag(), settings.bearerToken(), settings.httpTokens(), settings.httpTls(), settings.maxBodyBytes(), settings.kafkaOverrides());
        CommandService service = CommandService.start(own, registry);
        running.add(service);
        return service;
    }

    /** A projection service running only the saga, with its state in {@code stateDir} under the test's root. */
    ProjectionService startSaga(SagaSettings saga, String stateDir) throws Exception {
        ServiceSettings own = new ServiceSettings(prefix + "-projections", settings.bootstrapServers(), topics,
                settings.schemaRegistryUrl(), settings.httpHost(), 0, settings.advertisedHost(), stateRoot.resolve(stateDir),
                settings.commitInterval(), settings.readModelCommitInterval(), settings.standbyReplicas(), settings.streamThreads(),
                settings.dedupRetention(),
                settings.maxClockSkew(), settings.poisonAttempts(),
                settings.maxStaleLag(), settings.bearerToken(), settings.httpTokens(), settings.httpTls(), settings.maxBodyBytes(), settings.kafkaOverrides());
        ProjectionService service = ProjectionService.start(own, registry, List.of(new OrderFulfilmentModule(saga)));
        running.add(service);
        return service;
    }

    /** The application id of the saga {@link #startSaga} runs: its store's changelog is named after it. */
    String sagaApplicationId() {
        return prefix + "-projections-" + OrderFulfilmentTopology.NAME + "-v1";
    }

    EventlineClient gateway() {
        if (gateway == null) {
            gateway = new EventlineClient(kafka.clientConfig(), topics, outcomes);
            running.add(gateway);
        }
        return gateway;
    }

    <C> CompletableFuture<CommandOutcome> send(AggregateType<C, ?, ?> type, String commandId, String aggregateId, C command) {
        return gateway().send(type, envelope(commandId, aggregateId, command), Duration.ofSeconds(60));
    }

    <C> void publish(AggregateType<C, ?, ?> type, String commandId, String aggregateId, C command) {
        gateway().publish(type, envelope(commandId, aggregateId, command));
    }

    private <C> CommandEnvelope<C> envelope(String commandId, String aggregateId, C command) {
        return new CommandEnvelope<>(new CommandMetadata(prefix + "-" + commandId, aggregateId, OptionalLong.empty(),
                Instant.now(), "corr-" + commandId, Optional.empty(), "test"), command);
    }

    /** How many sagas the service holds, and how many of them are terminal. */
    static int[] sagaCounts(ProjectionService service) {
        OrderFulfilment saga = new OrderFulfilment();
        List<StoredSaga> all = sagas(service);
        return new int[] {all.size(), (int) all.stream().filter(s -> saga.isTerminal(s.state())).count()};
    }

    /** How many sagas compensated for each reason ("none" for those that did not). */
    static Map<String, Long> reasons(ProjectionService service) {
        return sagas(service).stream().collect(Collectors.groupingBy(
                s -> String.valueOf(Optional.ofNullable(s.state().reason()).orElse("none")), TreeMap::new, Collectors.counting()));
    }

    private static List<StoredSaga> sagas(ProjectionService service) {
        KafkaStreams app = service.streams().applications().values().iterator().next();
        ReadOnlyKeyValueStore<String, StoredSaga> store = app.store(StoreQueryParameters.fromNameAndType(
                OrderFulfilmentTopology.SAGA_STORE, QueryableStoreTypes.<String, StoredSaga>keyValueStore()));
        List<StoredSaga> sagas = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> sagas.add(entry.value));
        }
        return sagas;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : running.reversed()) {
            c.close();
        }
        registry.close();
    }

    void stop(AutoCloseable service) throws Exception {
        running.remove(service);
        service.close();
    }
}
