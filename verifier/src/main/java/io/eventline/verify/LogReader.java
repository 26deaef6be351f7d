package io.eventline.verify;

import io.eventline.contracts.CommittedRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads topics as Kafka's own EOS verifier does: read_committed, from the beginning to the last
 * stable offset now. A topic that does not exist reads as empty (no service wrote that type yet).
 * An open transaction shows as a last stable offset below the high watermark.
 */
final class LogReader {

    private final Map<String, Object> clientConfig;
    private final Duration timeout;

    LogReader(Map<String, Object> clientConfig, Duration timeout) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.timeout = timeout;
    }

    PipelineLog read(List<String> topics) {
        try (Admin admin = Admin.create(clientConfig)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> present = topics.stream().filter(existing::contains).distinct().toList();
            List<TopicPartition> partitions = admin.describeTopics(present).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .toList();
            Map<TopicPartition, Long> committedEnd = endOffsets(admin, partitions, IsolationLevel.READ_COMMITTED);
            Map<TopicPartition, Long> end = endOffsets(admin, partitions, IsolationLevel.READ_UNCOMMITTED);
            Map<String, Long> open = new TreeMap<>();
            committedEnd.forEach((tp, stable) -> {
                if (stable < end.get(tp)) {
                    open.put(tp.toString(), end.get(tp) - stable);
                }
            });
            return new PipelineLog(readCommitted(partitions, committedEnd), open);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not list the pipeline's topics and offsets: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> partitions, IsolationLevel isolation)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private Map<String, List<LoggedRecord>> readCommitted(List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        Map<String, List<LoggedRecord>> records = new HashMap<>();
        partitions.forEach(p -> records.putIfAbsent(p.topic(), new ArrayList<>()));
        for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.read(clientConfig, end, timeout)) {
            records.get(record.topic()).add(LoggedRecord.of(record));
        }
        return records;
    }
}
