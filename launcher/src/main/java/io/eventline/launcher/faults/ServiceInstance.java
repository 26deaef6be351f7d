package io.eventline.launcher.faults;

import io.eventline.kafka.embedded.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One service instance that lives through faults: the same name, HTTP port and state directory in
 * every JVM it is restarted in, as a pod keeps its volume. Earlier lives' output is kept.
 */
public final class ServiceInstance implements AutoCloseable {

    /** What a fault shows in a service's log: group membership lost and regained, tasks closed as zombies, fencing. */
    static final List<String> MEMBERSHIP_LOGS = List.of(
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.streams.processor.internals.TaskManager=info",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.streams.processor.internals.StreamThread=info",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.consumer.internals.AbstractCoordinator=info",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.consumer.internals.ConsumerCoordinator=info",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.producer.internals.TransactionManager=info",
            // The first offset a new owner of a partition processes: the committed offset it starts from.
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.consumer.internals.ConsumerUtils=info",
            // A task's local state wiped after an unclean stop (exactly-once); once per task close, not per commit.
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.streams.processor.internals.StateManagerUtil=debug");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Class<?> main;
    private final Map<String, String> environment;
    private final int port;
    private final StringBuilder earlierOutput = new StringBuilder();
    private ChildJvm jvm;

    ServiceInstance(String name, Class<?> main, Map<String, String> environment, Path stateDir, int port) {
        this.name = name;
        this.main = main;
        this.port = port;
        this.environment = new HashMap<>(environment);
        this.environment.put("EVENTLINE_HTTP_PORT", String.valueOf(port));
        this.environment.put("EVENTLINE_STATE_DIR", stateDir.toString());
    }

    void start() {
        if (jvm != null) {
            earlierOutput.append(jvm.output()).append("\n==== restarted ====\n");
            jvm.close();
        }
        jvm = ChildJvm.start(name, main, environment, MEMBERSHIP_LOGS);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return jvm.pid();
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** SIGKILL, then a new JVM on the same port and state directory. */
    public void crashAndRestart() {
        jvm.kill();
        start();
    }

    public void freeze() {
        jvm.freeze();
    }

    public void thaw() {
        jvm.thaw();
    }

    public boolean terminate(Duration timeout) {
        return jvm.terminate(timeout);
    }

    /** Waits, bounded, for GET /health/ready to answer 200: every task assigned and restored. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return awaitStatus("/health/ready", timeout);
    }

    private boolean awaitStatus(String path, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && jvm.isAlive()) {
            try {
                HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet, or frozen
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Every life's output, this one last. */
    public String output() {
        return earlierOutput + (jvm == null ? "" : jvm.output());
    }

    @Override
    public void close() {
        if (jvm != null) {
            jvm.close();
        }
    }
}
