package io.eventline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.testsupport.KafkaExit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's run command, small: the whole pipeline in one process, ending with the invariant check. */
class DemoCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void runs_orders_through_the_whole_pipeline_and_the_invariants_hold() throws Exception {
        KafkaExit.failInsteadOfExiting();
        int brokerPort = freePortPair(); // the demo's broker takes this port and the next one (its controller)
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int projectionPort = freePort();
        int exit;
        try (PrintStream tee = new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8)) {
            System.setOut(tee);
            exit = new CommandLine(new Main()).execute("demo", "--exit", "--orders", "150", "--rate", "100",
                    "--customers", "30", "--skus", "24", "--settle-timeout", "PT2M",
                    "--data-dir", dataDir.resolve("kafka").toString(), "--port", String.valueOf(brokerPort),
                    "--command-port", String.valueOf(freePort()), "--projection-port", String.valueOf(projectionPort));
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("orders sent 150: accepted 150", "Invariants (all runs on this data): HOLD",
                "Operator console: http://localhost:" + projectionPort + "/console");
        assertThat(output).containsPattern("shipped [1-9]\\d*, cancelled by compensation [1-9]\\d*");
    }

    /** A free port whose next port is free too. */
    private static int freePortPair() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (java.io.IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no two consecutive free ports found");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Lets the test read the demo's output while a person running the build still sees it. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
