package io.eventline.launcher;

import io.eventline.schemas.topics.Topics;
import picocli.CommandLine.Option;

/** The options that name and size the pipeline's topics, shared by every subcommand. */
final class TopicOptions {

    @Option(names = "--topic-prefix", defaultValue = "${env:EVENTLINE_TOPIC_PREFIX:-shop}",
            description = "Prefix of every topic name (env EVENTLINE_TOPIC_PREFIX, default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--partitions", defaultValue = "${env:EVENTLINE_PARTITIONS:-6}",
            description = "Partitions of every pipeline topic (env EVENTLINE_PARTITIONS, default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "${env:EVENTLINE_REPLICATION_FACTOR:-1}",
            description = "Replication of every pipeline topic (env EVENTLINE_REPLICATION_FACTOR, default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    Topics topics() {
        Topics defaults = Topics.defaults();
        return new Topics(prefix, partitions, replicationFactor,
                defaults.commandRetention(), defaults.resultRetention(), defaults.dlqRetention());
    }
}
