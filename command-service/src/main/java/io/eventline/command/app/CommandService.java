package io.eventline.command.app;

import io.eventline.contracts.AggregateType;
import io.eventline.client.EventlineClient;
import io.eventline.command.http.CommandHttp;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.command.query.AggregateQueries;
import io.eventline.command.topology.CommandPolicy;
import io.eventline.command.topology.CommandTopology;
import io.eventline.contracts.StoreNames;
import io.eventline.service.app.FailingRecords;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.registry.RegistryRoutes;
import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.service.app.StreamsService;
import io.eventline.service.config.ServiceSettings;
import io.eventline.service.http.HttpApi;
import io.eventline.service.query.QueryRouter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One command-service instance: the command topologies of every aggregate type in one Kafka
 * Streams application, the command gateway, and the HTTP API. Run several with the same
 * application id and they share the partitions.
 */
public final class CommandService implements AutoCloseable {

    public static final String DEFAULT_APPLICATION_ID = StoreNames.DEFAULT_COMMAND_SERVICE_ID;
    public static final int DEFAULT_HTTP_PORT = 8081;
    /**
     * Two stream threads by default: with one, the thread stands idle while each exactly-once commit
     * waits for the broker; a second processes meanwhile (docs/benchmarks.md, the tuning part).
     */
    public static final int DEFAULT_STREAM_THREADS = 2;

    private final StreamsService streams;
    private final EventlineClient gateway;
    private final HttpApi http;

    private CommandService(StreamsService streams, EventlineClient gateway, HttpApi http) {
        this.streams = streams;
        this.gateway = gateway;
        this.http = http;
    }

    public static Topology topology(List<AggregateType<?, ?, ?>> types, ServiceSettings settings, AvroOutcomeCodec outcomes,
                                    io.eventline.command.CommandMetrics metrics, FailingRecords failures) {
        Topology topology = new Topology();
        CommandPolicy policy = new CommandPolicy(settings.dedupRetention(), settings.maxClockSkew(), failures);
        for (AggregateType<?, ?, ?> type : types) {
            CommandTopology.addTo(topology, type, settings.topics(), outcomes, metrics, policy);
        }
        return topology;
    }

    public static CommandService start(ServiceSettings settings, SchemaRegistry registry) throws Exception {
        return start(settings, registry, Aggregates.all(registry));
    }

    /** With aggregate types of the caller's choosing: each needs its topics among the settings' ones. */
    public static CommandService start(ServiceSettings settings, SchemaRegistry registry, List<AggregateType<?, ?, ?>> types)
            throws Exception {
        try (Admin admin = Admin.create(settings.clientConfig())) {
            new TopicProvisioner(admin).provision(settings.topics().all());
        }
        AvroOutcomeCodec outcomes = new AvroOutcomeCodec(registry);
        registerContracts(types, outcomes, settings);
        StreamsService streams = StreamsService.create(settings, "command-service");
        Topology topology = topology(types, settings, outcomes, new MicrometerCommandMetrics(streams.meters()),
                streams.failures());
        streams.start(topology);
        EventlineClient gateway = new EventlineClient(settings.clientConfig(), settings.topics(), outcomes);
        QueryRouter router = new QueryRouter(streams.kafkaStreams(), new HostInfo(settings.advertisedHost(), settings.httpPort()),
                Duration.ofSeconds(5), settings.maxStaleLag(), settings.peers());
        AggregateQueries queries = new AggregateQueries(types, settings.topics(), outcomes, router, Duration.ofSeconds(5),
                streams.httpApi().waits());
        HttpApi http = streams.httpApi();
        new CommandHttp(types, gateway, Duration.ofSeconds(10), Clock.systemUTC()).addTo(http, queries);
        RegistryRoutes.serveIfLocal(http, registry);
        http.start(settings.httpHost(), settings.httpPort());
        return new CommandService(streams, gateway, http);
    }

    /**
     * Every contract the service writes, registered before its stream threads run: a registry call
     * inside a transaction could outlast the transaction's timeout. Readers still meet ids they do
     * not know; those are looked up (and misses cached) by the deserializers.
     */
    static void registerContracts(List<AggregateType<?, ?, ?>> types, AvroOutcomeCodec outcomes, ServiceSettings settings) {
        for (AggregateType<?, ?, ?> type : types) {
            StoreNames names = new StoreNames(type.name());
            type.codec().registerContracts(settings.topics().commands(type.name()), settings.topics().events(type.name()),
                    names.aggregatesChangelog(settings.applicationId()));
            outcomes.registerRememberedContract(names.dedupChangelog(settings.applicationId()));
        }
        outcomes.registerContracts(settings.topics().commandResults(),
                types.stream().map(t -> settings.topics().events(t.name())).toList());
    }

    public EventlineClient gateway() {
        return gateway;
    }

    public int httpPort() {
        return http.port();
    }

    public StreamsService streams() {
        return streams;
    }

    @Override
    public void close() {
        http.close();
        gateway.close();
        streams.close();
    }
}
