package io.eventline.projection.readmodel.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the FRESH rebuilds of live read models are ({@code <live id>-rebuild-<n>}, started by
 * {@code eventline rebuild-projection}, in a process of their own), from the cluster alone: each
 * rebuild group's state and members, and its committed offsets on its input topics against their
 * ends. A rebuild that finished keeps its group: it shows as caught up, with no member.
 */
public final class RebuildStatus {

    private static final long TIMEOUT_SECONDS = 10;

    private RebuildStatus() {}

    /** One map per rebuild group of any of {@code liveIds}, in the order of the group ids. */
    public static List<Map<String, Object>> of(Map<String, Object> clientConfig, Collection<String> liveIds) throws Exception {
        Map<String, Object> config = new HashMap<>(clientConfig);
        // An HTTP request waits for this: bounded well below the API's response limit.
        config.put("default.api.timeout.ms", (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        config.put("request.timeout.ms", 5_000);
        try (Admin admin = Admin.create(config)) {
            List<String> groups = admin.listGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                    .map(GroupListing::groupId)
                    .filter(id -> liveIds.stream().anyMatch(live -> Pattern.matches(Pattern.quote(live) + "-rebuild-\\d+", id)))
                    .sorted().toList();
            List<Map<String, Object>> rebuilds = new ArrayList<>();
            for (String group : groups) {
                rebuilds.add(progress(admin, group, liveIds));
            }
            return rebuilds;
        }
    }

    private static Map<String, Object> progress(Admin admin, String group, Collection<String> liveIds) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(group);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        // The inputs are the topics it commits on, but its own repartition topics.
        Set<String> inputs = committed.keySet().stream().map(TopicPartition::topic)
                .filter(topic -> !topic.startsWith(group + "-")).collect(Collectors.toSet());
        long total = 0;
        long done = 0;
        for (var partition : new RebuildAdmin(admin).offsetRanges(inputs).entrySet()) {
            RebuildAdmin.OffsetRange range = partition.getValue();
            total += range.size();
            OffsetAndMetadata at = committed.get(partition.getKey());
            done += at == null ? 0 : Math.max(0, Math.min(at.offset(), range.end()) - range.begin());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("applicationId", group);
        json.put("of", liveIds.stream().filter(live -> group.startsWith(live + "-rebuild-")).findFirst().orElse(null));
        json.put("state", description.groupState().toString());
        json.put("members", description.members().size());
        json.put("recordsDone", done);
        json.put("recordsTotal", total);
        return json;
    }
}
