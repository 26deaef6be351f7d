package io.eventline.contracts;

/** The names of one aggregate type's stores and processors: fixed, so a topology change never renames state. */
public record StoreNames(String aggregateType) {

    /** The command service's application id unless configured: the prefix of its stores' changelogs. */
    public static final String DEFAULT_COMMAND_SERVICE_ID = "eventline-command-service";

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
}
