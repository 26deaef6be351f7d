package io.eventline.launcher.faults;

/** A fault injected into a running pipeline under load, ending with the exactly-once verifier. */
public interface Scenario {

    String name();

    /** Runs on a pipeline of its own under {@code prefix}, so that runs never mix. */
    ScenarioResult run(FaultContext context, String prefix) throws Exception;
}
