package io.eventline.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics that are missing and checks the ones that exist. Idempotent: run it from every
 * process that starts. A topic that exists with other settings is reported, never silently used:
 * events on a deleting topic, or commands on another partition count than their events, would
 * break the guarantees quietly.
 */
public final class TopicProvisioner {

    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /** Returns the names of the topics it created; throws {@link TopicMismatchException} listing every mismatch. */
    public List<String> provision(Collection<TopicSpec> specs) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<String> created = new ArrayList<>();
            for (TopicSpec spec : specs) {
                if (!existing.contains(spec.name()) && create(spec)) {
                    created.add(spec.name());
                }
            }
            List<String> problems = verifyOnceVisible(specs);
            if (!problems.isEmpty()) {
                throw new TopicMismatchException(problems);
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not provision topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private boolean create(TopicSpec spec) throws InterruptedException, ExecutionException {
        NewTopic topic = new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(spec.configs());
        try {
            admin.createTopics(List.of(topic)).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false; // another process created it first; verify() checks its settings
            }
            throw e;
        }
    }

    /** Topics just created take a moment to reach every broker's metadata; retriable errors are retried for a while. */
    private List<String> verifyOnceVisible(Collection<TopicSpec> specs) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + VISIBILITY_TIMEOUT.toNanos();
        while (true) {
            try {
                return verify(specs);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private List<String> verify(Collection<TopicSpec> specs) throws InterruptedException, ExecutionException {
        Map<String, TopicSpec> byName = specs.stream().collect(Collectors.toMap(TopicSpec::name, Function.identity()));
        Map<String, TopicDescription> descriptions = admin.describeTopics(byName.keySet()).allTopicNames().get();
        // A partition without a leader yet makes the first produce fail with NOT_LEADER_OR_FOLLOWER, and an
        // idempotent producer's retry of that first batch can then loop on OUT_OF_ORDER_SEQUENCE_NUMBER.
        for (TopicDescription description : descriptions.values()) {
            if (description.partitions().stream().anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
                throw new ExecutionException(new org.apache.kafka.common.errors.LeaderNotAvailableException(
                        description.name() + " has a partition without a leader yet"));
            }
        }
        List<ConfigResource> resources = byName.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        List<String> problems = new ArrayList<>();
        for (TopicSpec spec : specs) {
            TopicDescription description = descriptions.get(spec.name());
            int partitions = description.partitions().size();
            if (partitions != spec.partitions()) {
                problems.add(spec.name() + ": has " + partitions + " partitions, expected " + spec.partitions());
            }
            int replicas = description.partitions().getFirst().replicas().size();
            if (replicas < spec.replicationFactor()) {
                problems.add(spec.name() + ": has replication factor " + replicas + ", expected " + spec.replicationFactor());
            }
            Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            spec.configs().forEach((key, expected) -> {
                var entry = actual.get(key);
                String value = entry == null ? null : entry.value();
                if (!expected.equals(value)) {
                    problems.add(spec.name() + ": " + key + " is " + value + ", expected " + expected);
                }
            });
        }
        return problems;
    }
}
