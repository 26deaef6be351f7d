package io.eventline.launcher;

import io.eventline.command.app.CommandService;
import io.eventline.contracts.DeadLetterTopic;
import io.eventline.contracts.DeadLetters;
import io.eventline.service.config.ServiceSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The commands' dead-letter topics: list them, and replay one to its command topic after a fix. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Inspect the commands' dead-letter topics and replay a dead letter after a fix.",
        subcommands = {DlqCommands.ListDeadLetters.class, DlqCommands.Replay.class})
final class DlqCommands {

    /** What both subcommands take: where the pipeline is, which aggregate type's dead letters, how long to try. */
    static final class Target {
        @Mixin
        ServiceCommands.InstanceOptions options = new ServiceCommands.InstanceOptions();

        @Option(names = "--type", required = true, description = "order, inventory, account or shipment.")
        String type;

        @Option(names = "--timeout", defaultValue = "PT30S", description = "Give up after (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        DeadLetterTopic topic() {
            ServiceSettings settings = ServiceSettings.fromEnvironment(options.environment(),
                    CommandService.DEFAULT_APPLICATION_ID, CommandService.DEFAULT_HTTP_PORT);
            return new DeadLetterTopic(settings.clientConfig(), settings.topics(), Clock.systemUTC());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print every committed dead letter of an aggregate type.")
    static final class ListDeadLetters implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            List<DeadLetterTopic.DeadLetter> letters = target.topic().list(target.type, target.timeout);
            for (DeadLetterTopic.DeadLetter letter : letters) {
                System.out.printf("%s  %s  %s  key=%s  from=%s/%s@%s%n    %s: %s%n", letter.place(), letter.writtenAt(),
                        letter.reason(), letter.key(), letter.why().get(DeadLetters.SOURCE_TOPIC),
                        letter.why().get(DeadLetters.SOURCE_PARTITION), letter.why().get(DeadLetters.SOURCE_OFFSET),
                        letter.why().get(DeadLetters.ERROR_CLASS), letter.why().get(DeadLetters.ERROR_MESSAGE));
            }
            System.out.printf("%d dead letter(s)%n", letters.size());
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Re-publish one dead letter to the command topic and partition it came from, recording who and when; "
                    + "a command whose first attempt failed (PROCESSING_FAILED) is processed again.")
    static final class Replay implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Option(names = "--partition", required = true, description = "The dead letter's partition (as dlq list shows it).")
        int partition;

        @Option(names = "--offset", required = true, description = "The dead letter's offset (as dlq list shows it).")
        long offset;

        @Option(names = "--by", required = true, description = "Who replays it: recorded on the replayed command.")
        String by;

        @Override
        public Integer call() {
            DeadLetterTopic.Replayed replayed = target.topic().replay(target.type, partition, offset, by, target.timeout);
            System.out.printf("replayed %s (%s) to %s/%d@%d, by %s at %s%n", replayed.from().place(), replayed.from().reason(),
                    replayed.topic(), replayed.partition(), replayed.offset(), replayed.by(), replayed.at());
            return 0;
        }
    }
}
