package io.eventline.testsupport;

import org.apache.kafka.common.utils.internals.Exit;

/**
 * In a test JVM, a broker started in-process that meets a fatal error (a port taken, say) must fail
 * the test that started it, with the reason, not end the whole JVM: Kafka's own exit and halt are
 * turned into an exception, printed where the build log shows it.
 */
public final class KafkaExit {

    private KafkaExit() {}

    public static synchronized void failInsteadOfExiting() {
        Exit.setExitProcedure((status, message) -> {
            throw refused("exit", status, message);
        });
        Exit.setHaltProcedure((status, message) -> {
            throw refused("halt", status, message);
        });
    }

    private static IllegalStateException refused(String what, int status, String message) {
        IllegalStateException e = new IllegalStateException("Kafka asked to " + what + "(" + status + ") this test JVM: " + message);
        e.printStackTrace();
        return e;
    }
}
