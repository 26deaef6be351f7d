package io.eventline.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The eventline command line. Every option also reads an environment variable, named in its help. */
@Command(name = "eventline",
        mixinStandardHelpOptions = true,
        version = "eventline 0.1.0",
        description = "Event sourcing and CQRS on Apache Kafka Streams.",
        subcommands = {DemoCommand.class, ClusterCommand.class, ServiceCommands.RunCommandService.class,
                ServiceCommands.RunProjections.class, SendCommand.class, FollowCommand.class, RebuildCommands.RebuildAggregates.class, RebuildCommands.RebuildProjection.class,
                DlqCommands.class, BenchCommand.class, SoakCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
