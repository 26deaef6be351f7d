package io.eventline.verify;

import java.util.List;
import java.util.Map;

/**
 * Everything the verifier checks, read once: the committed records of every topic of the pipeline
 * (in offset order within each partition) and the partitions where a transaction was still open.
 *
 * @param openTransactions per topic-partition still holding undecided records: how many
 */
public record PipelineLog(Map<String, List<LoggedRecord>> records, Map<String, Long> openTransactions) {

    public PipelineLog {
        records = Map.copyOf(records);
        openTransactions = Map.copyOf(openTransactions);
    }

    public List<LoggedRecord> of(String topic) {
        return records.getOrDefault(topic, List.of());
    }
}
