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

    /** Exit status of a command refused for what it was asked (a record that is not there, an unknown name). */
    static final int REFUSED = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line as it runs: what a subcommand refuses as bad input (an IllegalArgumentException,
     * whose message says what and how to go on) is printed as that message, without a stack trace,
     * and ends with {@value #REFUSED}; anything else is a failure, reported in full.
     */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler((error, command, parsed) -> {
            if (error instanceof IllegalArgumentException refused) {
                command.getErr().println(command.getColorScheme().errorText("eventline: " + refused.getMessage()));
                return REFUSED;
            }
            throw error;
        });
    }
}
