package io.eventline.verify;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.contracts.StoredAggregate;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.contracts.AggregatePartitioner;
import io.eventline.contracts.EventIds;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.inventory.InventoryState;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.schemas.topics.TopicSpec;
import io.eventline.schemas.topics.Topics;
import io.eventline.testsupport.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A pipeline's output written by hand with a plain producer, under a prefix of its own: what the
 * command service would write for AddStock commands, so that a test can add exactly one defect.
 */
final class HandWrittenOutput implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");

    final Topics topics;
    final SchemaRegistry registry;
    final KafkaTestCluster kafka;
    private final AvroOutcomeCodec outcomes;
    private final AggregateType<InventoryCommand, InventoryState, InventoryEvent> inventory;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, StoredAggregate<InventoryState>> states = new HashMap<>();
    private final Map<String, byte[]> results = new HashMap<>();

    HandWrittenOutput(KafkaTestCluster kafka, String prefix) {
        this.kafka = kafka;
        this.topics = new Topics(prefix, 3, (short) 1, Topics.defaults().commandRetention(),
                Topics.defaults().resultRetention(), Topics.defaults().dlqRetention());
        this.registry = SchemaRegistries.fromConfig(kafka.clientConfig());
        this.outcomes = new AvroOutcomeCodec(registry);
        this.inventory = Aggregates.inventory(registry);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            // Only what is written: the verifier reads a topic that does not exist as empty.
            List<TopicSpec> written = new ArrayList<>(topics.all().stream()
                    .filter(t -> t.name().contains(".inventory.") || t.name().equals(topics.commandResults())).toList());
            written.add(new TopicSpec(verifier().changelog("inventory"), 3, (short) 1, Map.of("cleanup.policy", "compact")));
            new TopicProvisioner(admin).provision(written);
        }
        this.producer = new KafkaProducer<>(kafka.clientConfig(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    ExactlyOnceVerifier verifier() {
        return new ExactlyOnceVerifier(kafka.clientConfig(), topics, registry).withCommandServiceId(topics.prefix() + "-commands");
    }

    /** Everything one accepted AddStock leaves behind: the command, its event, the new state, its result. */
    void accepted(String commandId, String sku, int quantity) {
        accepted(commandId, sku, new InventoryEvent.StockAdded(sku, quantity));
    }

    /** The same for a command that caused {@code event} (the verifier reads only the command's id). */
    void accepted(String commandId, String sku, InventoryEvent event) {
        command(commandId, sku, 1);
        StoredAggregate<InventoryState> before = states.getOrDefault(sku, inventory.initial());
        long version = before.version() + 1;
        event(commandId, sku, version, event);
        snapshot(sku, new StoredAggregate<>(version, T0, inventory.decider().evolve(before.state(), event)));
        results.put(commandId, outcomes.encodeOutcome(topics.commandResults(), new CommandOutcome(commandId,
                CommandOutcome.Status.ACCEPTED, "inventory", sku, version, List.of(EventIds.of(commandId, 0)), Optional.empty(), T0)));
        result(commandId);
    }

    void command(String commandId, String sku, int quantity) {
        String topic = topics.commands("inventory");
        RecordHeaders headers = new RecordHeaders();
        byte[] value = inventory.codec().encodeCommand(topic, headers, new CommandEnvelope<>(new CommandMetadata(commandId, sku,
                OptionalLong.empty(), T0, commandId, Optional.empty(), "test"), new InventoryCommand.AddStock(sku, quantity)));
        send(topic, sku, utf8(sku), value, headers);
    }

    void event(String commandId, String sku, long version, InventoryEvent event) {
        String topic = topics.events("inventory");
        RecordHeaders headers = new RecordHeaders();
        byte[] value = inventory.codec().encodeEvent(topic, headers, new EventEnvelope<>(new EventMetadata(
                EventIds.of(commandId, 0), "inventory", sku, version, T0, commandId, commandId, Optional.empty(), "test"), event));
        send(topic, sku, outcomes.encodeEventKey(topic, sku, version), value, headers);
    }

    void snapshot(String sku, StoredAggregate<InventoryState> state) {
        states.put(sku, state);
        String topic = verifier().changelog("inventory");
        send(topic, sku, utf8(sku), inventory.codec().encodeState(topic, state), new RecordHeaders());
    }

    /** As if a version had been appended without its record: the next one leaves a gap. */
    void skipVersion(String sku) {
        StoredAggregate<InventoryState> before = states.getOrDefault(sku, inventory.initial());
        states.put(sku, new StoredAggregate<>(before.version() + 1, T0, before.state()));
    }

    /** The result of an earlier accepted command, once more. */
    void result(String commandId) {
        send(topics.commandResults(), null, utf8(commandId), results.get(commandId), new RecordHeaders());
    }

    void raw(String topic, String aggregateId, byte[] value) {
        send(topic, aggregateId, utf8(aggregateId), value, new RecordHeaders());
    }

    private void send(String topic, String aggregateId, byte[] key, byte[] value, RecordHeaders headers) {
        Integer partition = aggregateId == null ? null : AggregatePartitioner.partitionOf(aggregateId, topics.partitions());
        producer.send(new ProducerRecord<>(topic, partition, key, value, headers));
        producer.flush();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
        registry.close();
    }
}
