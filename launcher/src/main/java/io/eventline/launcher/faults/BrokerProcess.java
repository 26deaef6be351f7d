package io.eventline.launcher.faults;

import io.eventline.kafka.embedded.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * A broker a test owns: in a JVM of its own on ports fixed at its first start, so that it can be stopped
 * and started again on the same data directory while clients keep the same bootstrap address.
 */
public final class BrokerProcess implements AutoCloseable {

    private final Path dataDir;
    private int port = Ports.free();
    private int controllerPort = Ports.free();
    private ChildJvm jvm;
    private int starts;
    private boolean started;

    public BrokerProcess(Path dataDir) {
        this.dataDir = dataDir;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /**
     * Starts the broker and waits until it answers metadata requests. A port found free at creation
     * can be taken by another socket before the first start binds it (seen once in CI); until the
     * broker has started once, and so before anyone has its address, it then tries other ports.
     */
    public void start() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                startOnce();
                started = true;
                return;
            } catch (IllegalStateException e) {
                if (started || attempt == 3 || !jvm.output().contains("Address already in use")) {
                    throw e;
                }
                port = Ports.free();
                controllerPort = Ports.free();
            }
        }
    }

    private void startOnce() throws InterruptedException {
        if (jvm != null) {
            jvm.close();
        }
        jvm = ChildJvm.start("broker-" + ++starts, BrokerMain.class, Map.of(),
                dataDir.toString(), String.valueOf(port), String.valueOf(controllerPort));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (!jvm.isAlive()) {
                        break;
                    }
                    Thread.sleep(200);
                }
            }
        }
        throw new IllegalStateException("the broker did not start; its output:\n" + jvm.output());
    }

    /** SIGTERM: a controlled shutdown, as an operator's rolling restart does. */
    public void stop() {
        if (!jvm.terminate(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the broker did not stop within 60 s");
        }
    }

    /** SIGKILL: the broker dies with its logs unflushed; the next start recovers them. */
    public void crash() {
        jvm.kill();
    }

    @Override
    public void close() {
        if (jvm != null) {
            jvm.close();
        }
    }
}
