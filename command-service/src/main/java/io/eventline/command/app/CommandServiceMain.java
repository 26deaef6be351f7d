package io.eventline.command.app;

import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.ServiceSettings;
import java.util.concurrent.CountDownLatch;
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
        SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
        CommandService service = CommandService.start(settings, registry);
        LOG.info("command-service listening on http://{}:{}", settings.advertisedHost(), service.httpPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            registry.close();
            stopped.countDown();
        }, "command-service-shutdown"));
        stopped.await();
    }
}
