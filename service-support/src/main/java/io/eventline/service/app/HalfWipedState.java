package io.eventline.service.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.errors.ProcessorStateException;

/**
 * A task's state directory that a process left half deleted, and that stops the next start.
 *
 * <p>Under exactly-once, Kafka Streams wipes a corrupted task's directory and restores the task
 * from its changelog. A process killed while it deletes that directory leaves a store RocksDB cannot
 * open (a {@code CURRENT} file naming a manifest that is gone, say). Kafka Streams 4.4 opens every
 * store on disk when it starts, and a store that fails to open fails {@code KafkaStreams.start()}:
 * every restart fails the same way. Deleting the task's directory is what Kafka Streams itself does
 * with a corrupted task under exactly-once, so the task is then restored from its changelog.
 */
final class HalfWipedState {

    /** Kafka Streams' message: "Error opening store NAME at location PATH". */
    private static final Pattern LOCATION = Pattern.compile("Error opening store \\S+ at location (\\S+)");
    /** A task directory's name: subtopology_partition, as Kafka Streams names it. */
    private static final Pattern TASK = Pattern.compile("\\d+_\\d+");

    private HalfWipedState() {}

    /**
     * The task directory, inside {@code applicationDir} (the state directory Kafka Streams keeps
     * for the application), of the store that {@code failure} says could not be opened; empty if the
     * failure is another, or names a place outside it.
     */
    static Optional<Path> taskDirectoryOf(Throwable failure, Path applicationDir) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (!(cause instanceof ProcessorStateException) || cause.getMessage() == null) {
                continue;
            }
            Matcher matcher = LOCATION.matcher(cause.getMessage());
            if (!matcher.find()) {
                continue;
            }
            Path store = Path.of(matcher.group(1)).toAbsolutePath().normalize();
            Path root = applicationDir.toAbsolutePath().normalize();
            if (!store.startsWith(root) || store.getNameCount() <= root.getNameCount()) {
                return Optional.empty();
            }
            Path task = root.resolve(store.getName(root.getNameCount()));
            return TASK.matcher(task.getFileName().toString()).matches() && Files.isDirectory(task)
                    ? Optional.of(task) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Deletes {@code directory} and everything in it, as Kafka Streams deletes a task's state. */
    static void delete(Path directory) {
        try {
            Utils.delete(directory.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }
}
