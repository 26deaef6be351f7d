package io.eventline.command.topology;

/** The names of one aggregate type's processors, sources and sinks: fixed, as its stores' are ({@code StoreNames}). */
record NodeNames(String aggregateType) {

    String commandSource() {
        return aggregateType + "-commands-source";
    }

    String processor() {
        return aggregateType + "-command-processor";
    }

    String eventSink() {
        return aggregateType + "-events-sink";
    }

    String resultSink() {
        return aggregateType + "-results-sink";
    }

    String moveSink() {
        return aggregateType + "-commands-move-sink";
    }

    String deadLetterSink() {
        return aggregateType + "-dlq-sink";
    }

    String historySource() {
        return aggregateType + "-history-source";
    }

    String historyProcessor() {
        return aggregateType + "-history-updater";
    }
}
