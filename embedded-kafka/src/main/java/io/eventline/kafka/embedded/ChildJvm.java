package io.eventline.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A class's {@code main} in a JVM of its own, with this JVM's classpath and extra environment: a
 * service instance that a fault can really hit, or whose memory can be measured alone. SIGKILL is a
 * crash, SIGSTOP a process frozen (a long GC pause, a VM migration), SIGTERM an orderly scale-in.
 * Output goes to a file, kept for diagnosis. Here, beside the embedded broker, because the brokers,
 * services and tools of the tests, the benchmarks and the fault scenarios all start this way.
 */
public final class ChildJvm implements AutoCloseable {

    /**
     * The fault scenarios' options: 2 cores and several JVMs, so no parallel GC threads to fight
     * over, and a quick start (C1 only) matters more than peak speed at the rates they run.
     */
    private static final List<String> LEAN = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final Process process;
    private final Path output;
    private final boolean ownsOutput;

    private ChildJvm(String name, Process process, Path output, boolean ownsOutput) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.ownsOutput = ownsOutput;
    }

    public static ChildJvm start(String name, Class<?> main, Map<String, String> environment, String... args) {
        return start(name, main, environment, List.of(), args);
    }

    /**
     * A lean JVM (the fault scenarios' options above) with more options; its output in a temporary
     * file deleted on close.
     */
    public static ChildJvm start(String name, Class<?> main, Map<String, String> environment, List<String> jvmOptions,
                                 String... args) {
        try {
            Path output = Files.createTempFile("eventline-" + name + "-", ".log");
            List<String> options = new ArrayList<>(LEAN);
            options.addAll(jvmOptions);
            return start(name, main, environment, options, output, true, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JVM with its default heap, collector and compilers, as a service is deployed; its output kept in {@code output}. */
    public static ChildJvm startAsDeployed(String name, Class<?> main, Map<String, String> environment, Path output) {
        try {
            Files.createDirectories(output.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(name, main, environment, List.of(), output, false);
    }

    private static ChildJvm start(String name, Class<?> main, Map<String, String> environment, List<String> jvmOptions,
                                  Path output, boolean ownsOutput, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        if (Runtime.version().feature() >= 24) {
            // Kafka's clients use sun.misc.Unsafe and RocksDB loads a native library, both on purpose.
            command.add("--sun-misc-unsafe-memory-access=allow");
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(jvmOptions);
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        try {
            return new ChildJvm(name, builder.start(), output, ownsOutput);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A lean JVM running {@code main} with {@code args}, named after its class: a tool or a second instance in a test. */
    public static ChildJvm start(Class<?> main, String... args) {
        return start(main.getSimpleName(), main, Map.of(), List.of(), args);
    }

    /** Waits for the process to end and returns its exit code; kills it and fails, with its output, after the timeout. */
    public int waitFor(Duration timeout) {
        if (!awaitExit(timeout)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not end within " + timeout + "; its output:\n" + output());
        }
        return process.exitValue();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no leaving the group; a crash. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: shutdown hooks run, Streams closes and leaves the group; an orderly stop. */
    public boolean terminate(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** SIGSTOP: the process freezes where it is, heartbeats and open transactions included. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT: the frozen process goes on as if nothing happened, unaware of the time it lost. */
    public void thaw() {
        signal("CONT");
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills what is still running and deletes its output file, unless the caller chose where it goes. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        if (!ownsOutput) {
            return;
        }
        try {
            Files.deleteIfExists(output);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
