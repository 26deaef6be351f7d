package io.eventline.projection.app;

import io.eventline.projection.console.Console;
import io.eventline.projection.console.ConsoleSettings;
import io.eventline.projection.module.ProjectionContext;
import io.eventline.projection.module.ProjectionModule;
import io.eventline.projection.readmodel.query.StatusQueries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.service.app.StreamsService;
import io.eventline.service.app.TaskIdling;
import io.eventline.service.config.ServiceSettings;
import io.eventline.service.http.HttpApi;
import io.eventline.service.query.QueryRouter;
import io.eventline.service.registry.RegistryRoutes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One projection-streams instance: every module (read models, sagas), each its own Kafka Streams
 * application, behind one HTTP API. Run several instances with the same settings and each module's
 * partitions spread across them.
 */
public final class ProjectionService implements AutoCloseable {

    public static final String DEFAULT_APPLICATION_ID = "eventline-projections";
    public static final int DEFAULT_HTTP_PORT = 8082;

    private final StreamsService streams;
    private final ProjectionContext context;

    private ProjectionService(StreamsService streams, ProjectionContext context) {
        this.streams = streams;
        this.context = context;
    }

    /** As below, with the console reaching a command service where {@code eventline command-service} listens by default. */
    public static ProjectionService start(ServiceSettings settings, SchemaRegistry registry, List<ProjectionModule> modules)
            throws Exception {
        return start(settings, registry, modules, ConsoleSettings.defaults());
    }

    public static ProjectionService start(ServiceSettings settings, SchemaRegistry registry, List<ProjectionModule> modules,
                                          ConsoleSettings console) throws Exception {
        try (Admin admin = Admin.create(settings.clientConfig())) {
            new TopicProvisioner(admin).provision(settings.topics().all());
        }
        StreamsService streams = StreamsService.create(settings, "projection-streams");
        ProjectionContext context = ProjectionContext.of(settings, registry, streams.meters(), Clock.systemUTC());
        HttpApi http = streams.httpApi();
        HostInfo self = new HostInfo(settings.advertisedHost(), settings.httpPort());
        List<KafkaStreams> applications = new ArrayList<>();
        for (ProjectionModule module : modules) {
            KafkaStreams app = streams.start(context.applicationId(module), module.topology(context),
                    module.onCommandPath() ? settings.commitInterval() : settings.readModelCommitInterval(),
                    module.ordersInputsByTime() ? Map.of() : TaskIdling.OFF);
            module.addRoutes(http, new QueryRouter(app, self, Duration.ofSeconds(5), settings.maxStaleLag(), settings.peers()), context);
            applications.add(app);
        }
        StatusQueries.addTo(http, context.meters(), applications, self, settings.peers());
        RegistryRoutes.serveIfLocal(http, registry);
        Console.addTo(http, context, console);
        http.start(settings.httpHost(), settings.httpPort());
        return new ProjectionService(streams, context);
    }

    public StreamsService streams() {
        return streams;
    }

    public ProjectionContext context() {
        return context;
    }

    public int httpPort() {
        return streams.httpApi().port();
    }

    @Override
    public void close() {
        streams.close();
        context.parkingDecisions().close();
    }
}
