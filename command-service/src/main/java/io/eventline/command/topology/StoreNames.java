package io.eventline.command.topology;

/** The names of one aggregate type's stores and processors: fixed, so a topology change never renames state. */
public record StoreNames(String aggregateType) {

    public String aggregates() {
        return aggregateType + "-aggregates";
    }

    /** The changelog topic of the aggregates store: the subject its snapshots are registered under. */
    public String aggregatesChangelog(String applicationId) {
        return applicationId + "-" + aggregates() + "-changelog";
    }

    public String dedup() {
        return aggregateType + "-command-dedup";
    }

    /** The changelog topic of the dedup store: the subject its entries are registered under. */
    public String dedupChangelog(String applicationId) {
        return applicationId + "-" + dedup() + "-changelog";
    }

    public String history() {
        return aggregateType + "-event-history";
    }

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
