package io.eventline.bench;

import io.eventline.kafka.embedded.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A service in a JVM of its own ({@link ChildJvm}, as deployed: default heap, collector and
 * compilers), so that its memory and CPU are its own to measure: RSS and CPU time from /proc
 * (Linux). Its output goes to a log file the caller chooses.
 */
final class ServiceProcess implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    final String name;
    private final ChildJvm jvm;
    private final int httpPort;

    private ServiceProcess(String name, ChildJvm jvm, int httpPort) {
        this.name = name;
        this.jvm = jvm;
        this.httpPort = httpPort;
    }

    static ServiceProcess start(String name, Class<?> main, Map<String, String> environment, int httpPort, Path log) {
        return new ServiceProcess(name, ChildJvm.startAsDeployed(name, main, environment, log), httpPort);
    }

    /** Waits until GET /health/ready answers 200, or fails when the process ends or the time is up. */
    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            while (System.nanoTime() < deadline) {
                if (!jvm.isAlive()) {
                    throw new IllegalStateException(name + " exited before it was ready; its output:\n" + jvm.output());
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // starting
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + timeout);
    }

    /** Resident set size in MB, or -1 where /proc cannot tell. */
    double rssMegabytes() {
        return Rss.megabytes(Path.of("/proc", String.valueOf(jvm.pid()), "status"));
    }

    /** CPU seconds (user + system) the process has used so far, or -1 where /proc cannot tell. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(jvm.pid()), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** SIGTERM, so the service closes its Streams applications on the way out; SIGKILL after 30 s. */
    @Override
    public void close() {
        if (!jvm.terminate(Duration.ofSeconds(30))) {
            jvm.kill();
        }
        jvm.close();
    }
}
