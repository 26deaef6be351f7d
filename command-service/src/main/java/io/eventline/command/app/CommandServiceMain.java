package io.eventline.command.app;

import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.Credentials;
import io.eventline.service.config.ServiceSettings;
import io.eventline.service.app.BoundedShutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one command-service instance configured by the environment (README, Configuration) until stopped. */
public final class CommandServiceMain {

    private static final Logger LOG = LoggerFactory.getLogger(CommandServiceMain.class);

    private CommandServiceMain() {}

    public static void main(String[] args) throws Exception {
        ServiceSettings settings = ServiceSettings.fromEnvironment(System.getenv(),
                CommandService.DEFAULT_APPLICATION_ID, CommandService.DEFAULT_HTTP_PORT,
                    CommandService.DEFAULT_STREAM_THREADS);
        Credentials.requireTokenOrInsecure(System.getenv(), settings, "command-service");
        SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
        CommandService service = CommandService.start(settings, registry);
        LOG.info("command-service listening on http://{}:{}", settings.advertisedHost(), service.httpPort());
        BoundedShutdown.awaitShutdown("command-service-shutdown", () -> {
            service.close();
            registry.close();
        });
    }
}
