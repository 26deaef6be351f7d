package io.eventline.schemas.topics;

import java.util.List;

/** Topics exist with settings the pipeline cannot work with; the message lists each one. */
public final class TopicMismatchException extends IllegalStateException {

    private final List<String> problems;

    public TopicMismatchException(List<String> problems) {
        super("topics exist with the wrong settings (fix or delete them):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
