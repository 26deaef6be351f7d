package io.eventline.projection.app;

import io.eventline.projection.console.ConsoleSettings;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.Credentials;
import io.eventline.service.config.ServiceSettings;
import io.eventline.service.app.BoundedShutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one projection-streams instance configured by the environment (README, Configuration) until stopped. */
public final class ProjectionServiceMain {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionServiceMain.class);

    private ProjectionServiceMain() {}

    public static void main(String[] args) throws Exception {
        ServiceSettings settings = ServiceSettings.fromEnvironment(System.getenv(),
                ProjectionService.DEFAULT_APPLICATION_ID, ProjectionService.DEFAULT_HTTP_PORT);
        Credentials.requireTokenOrInsecure(System.getenv(), settings, "projection-streams");
        SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
        ProjectionService service = ProjectionService.start(settings, registry, ProjectionModules.all(),
                ConsoleSettings.fromEnvironment(System.getenv()));
        LOG.info("projection-streams listening on http://{}:{} (console at /console)", settings.advertisedHost(), service.httpPort());
        BoundedShutdown.awaitShutdown("projection-streams-shutdown", () -> {
            service.close();
            registry.close();
        });
    }
}
