package io.eventline.launcher;

import io.eventline.contracts.AggregateType;
import io.eventline.command.app.AggregateRebuild;
import io.eventline.command.app.CommandService;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.projection.module.ProjectionModule;
import io.eventline.projection.app.ProjectionModules;
import io.eventline.projection.app.ProjectionService;
import io.eventline.projection.readmodel.ReadModelModule;
import io.eventline.projection.readmodel.ops.ProjectionRebuild;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.ServiceSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Rebuilds state from the event topics: the command service's snapshots, or one read model. */
final class RebuildCommands {

    private RebuildCommands() {}

    @Command(name = "rebuild-aggregates", mixinStandardHelpOptions = true,
            description = "Fold every aggregate's events again and write new snapshots (after an evolve change). "
                    + "Stop every command-service instance first.")
    static final class RebuildAggregates implements Callable<Integer> {
        @Mixin
        ServiceCommands.InstanceOptions options = new ServiceCommands.InstanceOptions();

        @Option(names = "--type", defaultValue = "all", description = "order, inventory, account, shipment or all (default: ${DEFAULT-VALUE}).")
        String type;

        @Override
        public Integer call() throws Exception {
            ServiceSettings settings = ServiceSettings.fromEnvironment(options.environment(),
                    CommandService.DEFAULT_APPLICATION_ID, CommandService.DEFAULT_HTTP_PORT);
            try (SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig())) {
                AggregateRebuild rebuild = new AggregateRebuild(settings.clientConfig(), settings.topics(),
                        settings.applicationId(), System.out);
                for (AggregateType<?, ?, ?> aggregate : Aggregates.all(registry)) {
                    if (type.equals("all") || type.equals(aggregate.name())) {
                        rebuild.rebuild(aggregate);
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "rebuild-projection", mixinStandardHelpOptions = true,
            description = "Rebuild one read model from the event topics, with a progress bar: fresh (beside the live one) or reset (in place; stop its instances first).")
    static final class RebuildProjection implements Callable<Integer> {
        @Mixin
        ServiceCommands.InstanceOptions options = new ServiceCommands.InstanceOptions();

        @Parameters(index = "0", description = "order-summary, customer-stats, daily-sales, stock-levels or account-balances.")
        String name;

        @Option(names = "--mode", defaultValue = "FRESH", description = "FRESH or RESET (default: ${DEFAULT-VALUE}).")
        ProjectionRebuild.Mode mode;

        @Option(names = "--timeout", defaultValue = "PT30M", description = "Give up after (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            ServiceSettings settings = ServiceSettings.fromEnvironment(options.environment(),
                    ProjectionService.DEFAULT_APPLICATION_ID, ProjectionService.DEFAULT_HTTP_PORT);
            List<ProjectionModule> modules = ProjectionModules.all();
            ReadModelModule module = modules.stream().filter(m -> m.name().equals(name) && m instanceof ReadModelModule)
                    .map(ReadModelModule.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no read model named " + name + "; known: "
                            + modules.stream().filter(ReadModelModule.class::isInstance).map(ProjectionModule::name).toList()));
            try (SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig())) {
                var result = new ProjectionRebuild(settings, registry, System.out).rebuild(module, mode, timeout);
                System.out.printf("%s: %d events in %d ms (%.0f events/s; %.0f events/s replaying, without the start) into %s%n",
                        name, result.events(), result.took().toMillis(), result.eventsPerSecond(), result.replayEventsPerSecond(),
                        result.applicationId());
            }
            return 0;
        }
    }
}
