package io.eventline.command.security;

import static io.eventline.command.security.SecuredPipeline.APPLICATION_ID;
import static io.eventline.command.security.SecuredPipeline.PRODUCER;
import static io.eventline.command.security.SecuredPipeline.SERVICE;
import static io.eventline.command.security.SecuredPipeline.STRANGER;
import static io.eventline.command.security.SecuredPipeline.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.client.EventlineClient;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderLine;
import io.eventline.testsupport.KafkaProbe;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command service on a broker that authenticates every client (SASL/SCRAM) and allows only
 * what an ACL allows (see {@link io.eventline.schemas.topics.PipelineAcls}): it runs and decides commands with its own principal,
 * and a command producer does what producing commands takes, and no more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredCommandServiceTest {

    SecuredPipeline pipeline;

    @BeforeAll
    void start(@TempDir Path root) throws Exception {
        pipeline = SecuredPipeline.start(root);
        assertThat(pipeline.service.streams().awaitRunning(Duration.ofSeconds(45))).isTrue();
    }

    @AfterAll
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void the_service_decides_a_command_end_to_end_with_only_its_own_principal() throws Exception {
        HttpResponse<String> opened = pipeline.post("/commands/account/alice",
                "{\"commandId\":\"open-alice\",\"type\":\"OpenAccount\",\"payload\":{\"currency\":\"EUR\"}}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(json(opened).get("status").asText()).isEqualTo("ACCEPTED");

        // The history store reads the event once its transaction commits, which may be just after
        // the result arrives: read-your-writes asks for the version the result named.
        HttpResponse<String> state = pipeline.get("/aggregates/account/alice/events?minVersion=" + json(opened).get("version").asLong());
        assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
        assertThat(json(state).get("events").get(0).get("type").asText()).isEqualTo("AccountOpened");
        try (Admin admin = pipeline.kafka.admin()) {
            assertThat(admin.listTopics().names().get())
                    .as("Kafka Streams created its internal topics under the prefix its principal may create")
                    .contains(APPLICATION_ID + "-account-aggregates-changelog", APPLICATION_ID + "-account-command-dedup-changelog");
        }
    }

    @Test
    void a_command_producer_sends_commands_and_reads_their_results() throws Exception {
        assertThat(pipeline.post("/commands/account/bob", "{\"type\":\"OpenAccount\",\"payload\":{\"currency\":\"EUR\"}}")
                .statusCode()).as("the service registers the account commands' schema").isEqualTo(200);
        try (SchemaRegistry registry = producerRegistry(); EventlineClient producer = producerGateway(registry)) {
            CommandOutcome deposited = producer.send(Aggregates.account(registry), command("deposit-bob", "bob",
                    new AccountCommand.DepositMoney("bob", 500)), Duration.ofSeconds(30)).join();
            assertThat(deposited.accepted()).isTrue();
            assertThat(deposited.version()).isEqualTo(2);
        }
    }

    @Test
    void a_command_producer_may_not_register_a_schema() {
        // The service registered what it writes when it started; a subject nobody registered needs a write.
        try (SchemaRegistry registry = producerRegistry()) {
            assertThatThrownBy(() -> registry.register(pipeline.topics.commands("order") + "-unregistered-value",
                    io.eventline.schemas.avro.common.EventKey.getClassSchema()))
                    .hasRootCauseInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    @Test
    void a_command_producer_may_not_write_events_nor_read_any_topic_but_the_results() {
        var producer = pipeline.kafka.clientConfig(PRODUCER);
        var topics = pipeline.topics;
        assertThat(KafkaProbe.write(producer, topics.commands("inventory"))).as("allowed: a command").isEmpty();
        assertThat(KafkaProbe.read(producer, topics.commandResults(), Optional.empty())).as("allowed: results").isEmpty();

        assertThat(KafkaProbe.write(producer, topics.events("inventory"))).get().isInstanceOf(TopicAuthorizationException.class);
        assertThat(KafkaProbe.write(producer, topics.deadLetters("inventory"))).get().isInstanceOf(TopicAuthorizationException.class);
        assertThat(KafkaProbe.write(producer, SecuredPipeline.SCHEMA_TOPIC)).get().isInstanceOf(TopicAuthorizationException.class);
        for (String topic : List.of(topics.events("order"), topics.commands("order"), topics.deadLetters("order"),
                APPLICATION_ID + "-order-aggregates-changelog")) {
            assertThat(KafkaProbe.read(producer, topic, Optional.empty())).as(topic).get().isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void the_service_principal_may_not_join_another_group_and_a_stranger_sees_no_topic() throws Exception {
        assertThat(KafkaProbe.read(pipeline.kafka.clientConfig(SERVICE), pipeline.topics.events("order"),
                Optional.of("eventline-projections-order-summary-v1")))
                .get().isInstanceOf(GroupAuthorizationException.class);

        try (Admin stranger = Admin.create(pipeline.kafka.clientConfig(STRANGER))) {
            assertThat(stranger.listTopics().names().get()).isEmpty();
        }
        assertThat(KafkaProbe.read(pipeline.kafka.clientConfig(STRANGER), pipeline.topics.events("order"), Optional.empty()))
                .get().isInstanceOf(TopicAuthorizationException.class);
    }

    /** What the CLI's send opens: the registry and the gateway, with the producer's credentials. */
    private SchemaRegistry producerRegistry() {
        return SchemaRegistries.fromConfig(pipeline.kafka.clientConfig(PRODUCER));
    }

    private EventlineClient producerGateway(SchemaRegistry registry) {
        return new EventlineClient(pipeline.kafka.clientConfig(PRODUCER), pipeline.topics, new AvroOutcomeCodec(registry));
    }

    private static <C> CommandEnvelope<C> command(String commandId, String aggregateId, C command) {
        return new CommandEnvelope<>(new CommandMetadata(commandId, aggregateId, OptionalLong.empty(), Instant.now(),
                commandId, Optional.empty(), PRODUCER), command);
    }
}
