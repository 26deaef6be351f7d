package io.eventline.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregatePartitioner;
import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.contracts.CommittedRecords;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.account.AccountEvent;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.TopicProvisioner;
import io.eventline.schemas.topics.Topics;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client against a real broker and nothing else: the test plays the command service's part. */
@ExtendWith(KafkaExtension.class)
class EventlineClientTest {

    final SchemaRegistry registry = new InMemorySchemaRegistry();
    final AggregateType<AccountCommand, ?, AccountEvent> accounts = Aggregates.account(registry);
    final AvroOutcomeCodec outcomes = new AvroOutcomeCodec(registry);
    Topics topics;

    @BeforeEach
    void topics(KafkaTestCluster kafka, TestInfo test) throws Exception {
        topics = Topics.defaults().withPrefix("client-" + test.getTestMethod().orElseThrow().getName().hashCode() % 10_000
                + "-" + System.nanoTime() % 100_000);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicProvisioner(admin).provision(topics.all());
        }
    }

    @Test
    void every_command_goes_to_its_aggregates_partition_whatever_partitioner_the_configuration_names(KafkaTestCluster kafka) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinPartitioner.class.getName());
        List<String> ids = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi");
        try (EventlineClient client = new EventlineClient(config, topics, outcomes)) {
            ids.forEach(id -> client.publish(accounts, command("open-" + id, id, new AccountCommand.OpenAccount(id, "EUR"))));
            client.flush();
        }
        List<ConsumerRecord<byte[], byte[]>> written = CommittedRecords.readToEnd(kafka.clientConfig(),
                topics.commands("account"), Duration.ofSeconds(30));
        assertThat(written).hasSize(ids.size()).allSatisfy(r -> {
            String id = new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(r.partition()).as(id).isEqualTo(AggregatePartitioner.partitionOf(id, topics.partitions()));
        });
    }

    @Test
    void send_completes_with_the_outcome_the_results_topic_carries_for_its_command_id(KafkaTestCluster kafka) throws Exception {
        try (EventlineClient client = new EventlineClient(kafka.clientConfig(), topics, outcomes);
             KafkaProducer<String, byte[]> service = new KafkaProducer<>(kafka.clientConfig(), new StringSerializer(),
                     new ByteArraySerializer())) {
            CommandEnvelope<AccountCommand> open = command("open-alice", "alice", new AccountCommand.OpenAccount("alice", "EUR"));
            var answer = client.send(accounts, open, Duration.ofSeconds(30));
            // The command service's part: an answer for another command, then this one's.
            CommandOutcome other = CommandOutcome.accepted(command("other", "bob", new AccountCommand.OpenAccount("bob", "EUR"))
                    .metadata(), "account", 1, List.of("e-0"), Instant.now());
            CommandOutcome accepted = CommandOutcome.accepted(open.metadata(), "account", 1, List.of("e-1"),
                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)); // the contract keeps milliseconds
            service.send(new ProducerRecord<>(topics.commandResults(), "other", outcomes.encodeOutcome(topics.commandResults(), other)));
            service.send(new ProducerRecord<>(topics.commandResults(), "open-alice",
                    outcomes.encodeOutcome(topics.commandResults(), accepted)));
            service.flush();

            assertThat(answer.get()).isEqualTo(accepted);
            assertThat(client.send(accounts, command("never-answered", "carol", new AccountCommand.OpenAccount("carol", "EUR")),
                    Duration.ofMillis(500))).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        }
    }

    @Test
    void follow_streams_one_aggregates_events_from_a_version_on_and_nothing_of_its_neighbours(KafkaTestCluster kafka)
            throws Exception {
        String topic = topics.events("account");
        String neighbour = neighbourOf("alice");
        try (KafkaProducer<byte[], byte[]> service = new KafkaProducer<>(kafka.clientConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            append(service, topic, "alice", 1, new AccountEvent.AccountOpened("alice", "EUR"));
            append(service, topic, neighbour, 1, new AccountEvent.AccountOpened(neighbour, "EUR"));
            append(service, topic, "alice", 2, new AccountEvent.MoneyDeposited("alice", 500));
            service.flush();
            List<EventEnvelope<AccountEvent>> seen = new CopyOnWriteArrayList<>();
            try (EventlineClient client = new EventlineClient(kafka.clientConfig(), topics, outcomes);
                 AutoCloseable following = client.follow(accounts, "alice", 2, seen::add)) {
                append(service, topic, "alice", 3, new AccountEvent.MoneyDeposited("alice", 250));
                service.flush();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (seen.size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(300); // anything more would have arrived by now
            }
            assertThat(seen).extracting(e -> e.metadata().version()).containsExactly(2L, 3L);
            assertThat(seen).extracting(e -> e.metadata().aggregateId()).containsOnly("alice");
        }
    }

    /** Another account on alice's partition: what a careless follower would show too. */
    private String neighbourOf(String id) {
        int partition = AggregatePartitioner.partitionOf(id, topics.partitions());
        for (int i = 0; ; i++) {
            String candidate = "neighbour-" + i;
            if (AggregatePartitioner.partitionOf(candidate, topics.partitions()) == partition) {
                return candidate;
            }
        }
    }

    private void append(KafkaProducer<byte[], byte[]> producer, String topic, String id, long version, AccountEvent event) {
        EventMetadata meta = new EventMetadata("event-" + id + "-" + version, "account", id, version, Instant.now(),
                "command-" + id + "-" + version, "correlation", Optional.empty(), "test");
        RecordHeaders headers = new RecordHeaders();
        byte[] value = accounts.codec().encodeEvent(topic, headers, new EventEnvelope<>(meta, event));
        producer.send(new ProducerRecord<>(topic, AggregatePartitioner.partitionOf(id, topics.partitions()),
                outcomes.encodeEventKey(topic, id, version), value, headers));
    }

    private static CommandEnvelope<AccountCommand> command(String commandId, String accountId, AccountCommand command) {
        return new CommandEnvelope<>(new CommandMetadata(commandId, accountId, OptionalLong.empty(), Instant.now(), commandId,
                Optional.empty(), "test"), command);
    }
}
