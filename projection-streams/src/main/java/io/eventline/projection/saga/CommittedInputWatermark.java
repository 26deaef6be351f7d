package io.eventline.projection.saga;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saga's input watermark from its consumer group, polled off the stream threads (a punctuation
 * only reads the last value): every {@code every}, the group's committed offsets, then the last
 * stable offsets of the event topics, the results topic and the saga's repartition topic, fed to a
 * {@link WatermarkTracker}. One per saga application in a process, shared by its tasks; it polls
 * while at least one task is open.
 */
final class CommittedInputWatermark implements InputWatermark {

    private static final Logger LOG = LoggerFactory.getLogger(CommittedInputWatermark.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> clientConfig;
    private final Collection<String> sourceTopics;
    private final Duration every;
    private final Clock clock;
    private String applicationId;
    private WatermarkTracker tracker;
    private List<TopicPartition> partitions;
    private Admin admin;
    private ScheduledExecutorService poller;
    private int openTasks;
    private boolean failing;

    CommittedInputWatermark(Map<String, Object> clientConfig, Collection<String> sourceTopics, Duration every, Clock clock) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.sourceTopics = List.copyOf(sourceTopics);
        this.every = every;
        this.clock = clock;
    }

    static String repartitionTopic(String applicationId) {
        return applicationId + "-" + OrderFulfilmentTopology.INPUTS + "-repartition";
    }

    @Override
    public synchronized void open(String applicationId) {
        if (openTasks++ > 0) {
            return;
        }
        if (!applicationId.equals(this.applicationId)) {
            this.applicationId = applicationId;
            this.tracker = new WatermarkTracker(Set.of(repartitionTopic(applicationId)));
            this.partitions = null;
        }
        admin = Admin.create(clientConfig);
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, applicationId + "-input-watermark");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void release() {
        if (openTasks == 0 || --openTasks > 0) {
            return;
        }
        poller.shutdownNow();
        admin.close(Duration.ofSeconds(2));
        poller = null;
        admin = null;
    }

    @Override
    public Instant caughtUpTo(Instant now) {
        WatermarkTracker current = tracker;
        if (current == null) {
            return Instant.EPOCH;
        }
        Instant reached = current.watermark();
        return reached.isAfter(now) ? now : reached;
    }

    private void pollOnce() {
        Admin client;
        WatermarkTracker into;
        String group;
        synchronized (this) {
            client = admin;
            into = tracker;
            group = applicationId;
        }
        if (client == null) {
            return;
        }
        try {
            List<TopicPartition> inputs = partitions(client, group);
            Map<TopicPartition, Long> committed = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> offsets = client.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset.offset());
                }
            });
            // Asked for after the committed offsets were read: the order the tracker relies on.
            Instant endsAt = clock.instant();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            inputs.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            client.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            into.observe(committed, endsAt, ends);
            if (failing) {
                LOG.info("{}: input watermark polled again; deadlines fire up to {}", group, into.watermark());
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            if (!failing) {
                // Deadlines wait while this fails: better late than cancelling an order whose reply is in the log.
                LOG.warn("{}: cannot read the saga's input progress ({}); deadlines wait until it can", group, e.toString());
                failing = true;
            }
        }
    }

    private List<TopicPartition> partitions(Admin client, String group)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        if (partitions == null) {
            List<String> topics = new java.util.ArrayList<>(sourceTopics);
            topics.add(repartitionTopic(group));
            List<TopicPartition> found = new java.util.ArrayList<>();
            client.describeTopics(topics).allTopicNames().get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((topic, description) -> {
                        for (TopicPartitionInfo partition : description.partitions()) {
                            found.add(new TopicPartition(topic, partition.partition()));
                        }
                    });
            partitions = found;
        }
        return partitions;
    }
}
