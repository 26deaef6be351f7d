package io.eventline.launcher;

import io.eventline.command.app.CommandService;
import io.eventline.projection.app.ProjectionModules;
import io.eventline.projection.app.ProjectionService;
import io.eventline.projection.console.ConsoleSettings;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.Credentials;
import io.eventline.service.config.ServiceSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import io.eventline.service.app.BoundedShutdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one service instance against a running cluster: how a second instance joins a pipeline. */
final class ServiceCommands {

    private ServiceCommands() {}

    /** Options that override the environment for the instance being started. */
    static final class InstanceOptions {
        @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (env EVENTLINE_BOOTSTRAP_SERVERS, default localhost:9092).")
        String bootstrapServers;

        @Option(names = "--http-port", description = "HTTP port of this instance (env EVENTLINE_HTTP_PORT).")
        Integer httpPort;

        @Option(names = "--state-dir", description = "Kafka Streams state of this instance (env EVENTLINE_STATE_DIR).")
        String stateDir;

        Map<String, String> environment() {
            Map<String, String> env = new HashMap<>(System.getenv());
            if (bootstrapServers != null) {
                env.put("EVENTLINE_BOOTSTRAP_SERVERS", bootstrapServers);
            }
            if (httpPort != null) {
                env.put("EVENTLINE_HTTP_PORT", String.valueOf(httpPort));
            }
            if (stateDir != null) {
                env.put("EVENTLINE_STATE_DIR", stateDir);
            }
            return env;
        }
    }

    @Command(name = "command-service", mixinStandardHelpOptions = true,
            description = "Run one command-service instance against a running Kafka; more instances share the partitions.")
    static final class RunCommandService implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        InstanceOptions options = new InstanceOptions();

        @Override
        public Integer call() throws Exception {
            ServiceSettings settings = ServiceSettings.fromEnvironment(options.environment(),
                    CommandService.DEFAULT_APPLICATION_ID, CommandService.DEFAULT_HTTP_PORT,
                    CommandService.DEFAULT_STREAM_THREADS);
            Credentials.requireTokenOrInsecure(options.environment(), settings, "command-service");
            SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
            CommandService service = CommandService.start(settings, registry);
            System.out.printf("command-service on http://%s:%d (Kafka %s). Ctrl-C stops.%n",
                    settings.advertisedHost(), service.httpPort(), settings.bootstrapServers());
            awaitShutdown(() -> {
                service.close();
                registry.close();
            });
            return 0;
        }
    }

    @Command(name = "projection-streams", mixinStandardHelpOptions = true,
            description = "Run one projection-streams instance (read models, sagas) against a running Kafka.")
    static final class RunProjections implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        InstanceOptions options = new InstanceOptions();

        @Override
        public Integer call() throws Exception {
            ServiceSettings settings = ServiceSettings.fromEnvironment(options.environment(),
                    ProjectionService.DEFAULT_APPLICATION_ID, ProjectionService.DEFAULT_HTTP_PORT);
            Credentials.requireTokenOrInsecure(options.environment(), settings, "projection-streams");
            SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
            ProjectionService service = ProjectionService.start(settings, registry, ProjectionModules.all(),
                    ConsoleSettings.fromEnvironment(options.environment()));
            System.out.printf("projection-streams on http://%s:%d, console at /console (Kafka %s). Ctrl-C stops.%n",
                    settings.advertisedHost(), service.httpPort(), settings.bootstrapServers());
            awaitShutdown(() -> {
                service.close();
                registry.close();
            });
            return 0;
        }
    }

    static void awaitShutdown(Runnable onStop) throws InterruptedException {
        BoundedShutdown.awaitShutdown("eventline-shutdown", onStop);
    }
}
