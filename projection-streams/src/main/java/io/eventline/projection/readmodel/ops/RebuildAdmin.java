package io.eventline.projection.readmodel.ops;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** What a rebuild asks of the cluster: free application ids, a reset of an application, the size of its inputs. */
final class RebuildAdmin {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;

    RebuildAdmin(Admin admin) {
        this.admin = admin;
    }

    /** {@code <live>-rebuild-<n>}, with n above every rebuild whose group or internal topics exist. */
    String nextRebuildId(String live) throws Exception {
        Pattern earlier = Pattern.compile(Pattern.quote(live) + "-rebuild-(\\d+)(-.*)?");
        int highest = 0;
        List<String> names = new java.util.ArrayList<>(admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        admin.listGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream().map(GroupListing::groupId).forEach(names::add);
        for (String name : names) {
            Matcher m = earlier.matcher(name);
            if (m.matches()) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
        }
        return live + "-rebuild-" + (highest + 1);
    }

    /**
     * Forgets everything an application has built: its internal topics (changelogs, repartitions)
     * and its group's committed offsets, so that it starts again from the beginning of the event
     * topics. Refuses while any instance of the application is running; a member that was stopped
     * without leaving the group (killed, or a Kafka Streams default close) counts until its session
     * expires, so it waits up to {@code memberWait} for those to go.
     */
    void reset(String applicationId, Duration memberWait) throws Exception {
        awaitNoMembers(applicationId, memberWait);
        try {
            admin.deleteConsumerGroups(List.of(applicationId)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
        Set<String> internal = internalTopics(applicationId);
        admin.deleteTopics(internal).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        // Deletion completes in the background; the application would recreate a topic still being deleted.
        long deadline = System.nanoTime() + Duration.ofSeconds(TIMEOUT_SECONDS).toNanos();
        while (!internalTopics(applicationId).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the internal topics of " + applicationId + " are still being deleted");
            }
            Thread.sleep(200);
        }
    }

    private void awaitNoMembers(String applicationId, Duration memberWait) throws Exception {
        long deadline = System.nanoTime() + memberWait.toNanos();
        while (true) {
            int members = members(applicationId);
            if (members == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(applicationId + " still has " + members
                        + " running member(s): stop every instance of it before a reset");
            }
            Thread.sleep(500);
        }
    }

    private int members(String applicationId) throws Exception {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(applicationId);
            return group == null ? 0 : group.members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0; // never ran, or already reset
            }
            throw e;
        }
    }

    /** Records (offsets, an upper bound with compaction and transaction markers) per partition of the topics. */
    Map<TopicPartition, Long> sizes(Collection<String> topics) throws Exception {
        Map<TopicPartition, Long> sizes = new HashMap<>();
        offsetRanges(topics).forEach((tp, range) -> sizes.put(tp, range.size()));
        return sizes;
    }

    /** The first offset of a partition and the one after its last. */
    record OffsetRange(long begin, long end) {
        long size() {
            return end - begin;
        }
    }

    /** Every partition of the topics, with its offset range. */
    Map<TopicPartition, OffsetRange> offsetRanges(Collection<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        if (!topics.isEmpty()) {
            admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((topic, description) ->
                    description.partitions().forEach(p -> earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest())));
        }
        Map<TopicPartition, OffsetSpec> latest = earliest.keySet().stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        var begin = admin.listOffsets(earliest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        var end = admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetRange> ranges = new HashMap<>();
        end.forEach((tp, info) -> ranges.put(tp, new OffsetRange(begin.get(tp).offset(), info.offset())));
        return ranges;
    }

    private Set<String> internalTopics(String applicationId) throws Exception {
        return admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(applicationId + "-") && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                .collect(Collectors.toSet());
    }
}
