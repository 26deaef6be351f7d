package io.eventline.schemas.topics;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least privilege of each principal of a pipeline, as ACL bindings for {@code Admin.createAcls}
 * (docs/operations.md, Security, tabulates them). Derived from the {@link Topics} that name the
 * topics, so a renamed topic cannot miss its ACL.
 *
 * <p>Pipeline topics are named literally: no prefix covers {@code shop.order.commands} without also
 * covering {@code shop.order.commands.dlq}. Prefixes are used only for names a principal owns by
 * construction: its application id and a dash (Kafka Streams' internal topics and transactional ids).
 * DESCRIBE and DESCRIBE_CONFIGS on every pipeline topic, because every service checks at start that
 * each exists (a topic it cannot describe, it would try to create) with the expected settings.
 */
public final class PipelineAcls {

    private final String principal;
    private final List<AclBinding> bindings = new ArrayList<>();

    private PipelineAcls(String user) {
        this.principal = "User:" + user;
    }

    public static PipelineAcls forUser(String user) {
        return new PipelineAcls(user);
    }

    /**
     * The command service: one Kafka Streams application (its group is the application id) that
     * reads the commands and its events (the history store's changelog is the event topic), writes
     * events, results and dead letters; its HTTP gateway writes commands and reads results (assign(), no group).
     */
    public PipelineAcls commandService(Topics topics, String applicationId) {
        streamsApplication(applicationId, false).group(applicationId, PatternType.LITERAL);
        for (String aggregate : Topics.AGGREGATES) {
            topic(topics.commands(aggregate), READ, WRITE);
            topic(topics.events(aggregate), READ, WRITE);
            topic(topics.deadLetters(aggregate), WRITE);
        }
        topic(topics.commandResults(), READ, WRITE);
        return describeAll(topics);
    }

    /**
     * The projection service: one Kafka Streams application per module, {@code <service id>-<module>-v<n>},
     * so groups too are a prefix; it reads events and results, and its saga writes commands; it writes
     * operators' decisions about parked records and reads them all (a global store); its console lists
     * the commands' dead letters (and replays one to its command topic). DELETE on its own topics: Kafka
     * Streams purges what it has consumed of its repartition topics.
     */
    public PipelineAcls projectionService(Topics topics, String serviceApplicationId) {
        streamsApplication(serviceApplicationId, true).group(serviceApplicationId + "-", PatternType.PREFIXED);
        for (String aggregate : Topics.AGGREGATES) {
            topic(topics.commands(aggregate), WRITE);
            topic(topics.events(aggregate), READ);
            topic(topics.deadLetters(aggregate), READ);
        }
        topic(topics.commandResults(), READ);
        topic(topics.parkingDecisions(), READ, WRITE);
        return describeAll(topics);
    }

    /** A producer that sends commands and waits for their results (the gateway, {@code eventline send}). */
    public PipelineAcls commandProducer(Topics topics) {
        Topics.AGGREGATES.forEach(aggregate -> topic(topics.commands(aggregate), WRITE));
        return topic(topics.commandResults(), READ);
    }

    /** Reading the embedded registry's topic; opening the registry checks the topic's settings. */
    public PipelineAcls schemaRegistryReader(String schemaTopic) {
        return topic(schemaTopic, READ, DESCRIBE_CONFIGS);
    }

    /** Registering schemas too: one record in one transaction, under the transactional id every writer shares. */
    public PipelineAcls schemaRegistryWriter(String schemaTopic, String transactionalId) {
        schemaRegistryReader(schemaTopic).topic(schemaTopic, WRITE);
        return allow(ResourceType.TRANSACTIONAL_ID, transactionalId, PatternType.LITERAL, WRITE);
    }

    public List<AclBinding> bindings() {
        return List.copyOf(bindings);
    }

    /** Internal topics (created at first start) and exactly-once transactional ids, under the application id. */
    private PipelineAcls streamsApplication(String applicationId, boolean repartitions) {
        String own = applicationId + "-";
        allow(ResourceType.TOPIC, own, PatternType.PREFIXED, repartitions
                ? new AclOperation[] {CREATE, READ, WRITE, DELETE} : new AclOperation[] {CREATE, READ, WRITE});
        return allow(ResourceType.TRANSACTIONAL_ID, own, PatternType.PREFIXED, WRITE);
    }

    private PipelineAcls group(String name, PatternType pattern) {
        return allow(ResourceType.GROUP, name, pattern, READ);
    }

    private PipelineAcls describeAll(Topics topics) {
        topics.all().forEach(spec -> topic(spec.name(), DESCRIBE, DESCRIBE_CONFIGS));
        return this;
    }

    private PipelineAcls topic(String name, AclOperation... operations) {
        return allow(ResourceType.TOPIC, name, PatternType.LITERAL, operations);
    }

    private PipelineAcls allow(ResourceType type, String name, PatternType pattern, AclOperation... operations) {
        for (AclOperation operation : operations) {
            bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        }
        return this;
    }
}
