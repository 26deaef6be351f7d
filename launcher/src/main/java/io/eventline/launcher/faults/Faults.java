package io.eventline.launcher.faults;

import io.eventline.verify.VerificationReport;

/** What every scenario does when a step it waits for never comes. */
final class Faults {

    private Faults() {}

    /** Fails the scenario, with the instances' output: a service that never came back is a finding too. */
    static void require(boolean condition, String what, FaultPipeline pipeline) {
        if (!condition) {
            throw new IllegalStateException("scenario step failed: " + what + pipeline.outputs());
        }
    }

    /** How many lines of the pipeline's service output (every life) contain {@code text}. */
    static long count(FaultPipeline pipeline, String text) {
        return pipeline.instanceOutputs().stream().mapToLong(output -> output.lines().filter(l -> l.contains(text)).count())
                .sum();
    }

    /**
     * Logs the services' output beside a report that does not hold. With {@code -Deventline.keep-logs=true}
     * their whole output is kept on disk when it held too: to read what the services did under a fault
     * that did no harm.
     */
    static VerificationReport withOutputs(VerificationReport report, FaultPipeline pipeline) {
        if (report.holds() && !Boolean.getBoolean("eventline.keep-logs")) {
            return report;
        }
        String outputs = pipeline.outputs(); // writes each service's whole output under the fault-logs directory
        if (!report.holds()) {
            System.err.println("services' output for the failed verification:" + outputs);
        }
        return report;
    }
}
