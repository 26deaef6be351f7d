package io.eventline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class's {@code main} running in a separate JVM with this JVM's classpath: what a second
 * instance of a service is in production. Output goes to a file, so a chatty child never blocks.
 */
public final class JvmProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private JvmProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static JvmProcess start(Class<?> main, String... args) {
        return start(main, List.of(), args);
    }

    public static JvmProcess start(Class<?> main, List<String> jvmOptions, String... args) {
        return start(main, java.util.Map.of(), jvmOptions, args);
    }

    /** With extra environment variables: how services are configured in production. */
    public static JvmProcess start(Class<?> main, java.util.Map<String, String> environment, List<String> jvmOptions,
                                   String... args) {
        try {
            Path output = Files.createTempFile("jvm-" + main.getSimpleName(), ".log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add("-Xmx512m");
            if (Runtime.version().feature() >= 24) {
                command.add("--sun-misc-unsafe-memory-access=allow");
            }
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.addAll(jvmOptions);
            command.add(main.getName());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            return new JvmProcess(process, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to end and returns its exit code; kills it and fails after the timeout. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        "process did not end within " + timeout + "; its output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try {
            Files.deleteIfExists(output);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
