package io.eventline.launcher;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.client.EventlineClient;
import io.eventline.command.http.CommandJson;
import io.eventline.command.http.OutcomeJson;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.schemas.registry.SchemaRegistries;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.service.config.ServiceSettings;
import io.eventline.service.http.Json;
import io.eventline.service.http.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Sends one command through the command gateway and prints its outcome as JSON. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send a command and print its result, e.g.: send order o-1 PlaceOrder --payload "
                + "'{\"customerId\":\"alice\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":1250}],\"currency\":\"EUR\"}'")
final class SendCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Aggregate type: order, inventory, account or shipment.")
    String aggregateType;

    @Parameters(index = "1", description = "Aggregate id (orderId, sku or customerId).")
    String aggregateId;

    @Parameters(index = "2", description = "Command type, e.g. PlaceOrder, AddStock, OpenAccount.")
    String commandType;

    @Option(names = "--payload", defaultValue = "{}", description = "The command's fields as a JSON object (without the aggregate id).")
    String payload;

    @Option(names = "--command-id", description = "Idempotency key; send the same one again to get the first result.")
    String commandId;

    @Option(names = "--expected-version", description = "Apply only if the aggregate is at exactly this version.")
    Long expectedVersion;

    @Option(names = "--timeout", defaultValue = "PT10S", description = "How long to wait for the result (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (env EVENTLINE_BOOTSTRAP_SERVERS, default localhost:9092).")
    String bootstrapServers;

    @Override
    public Integer call() throws Exception {
        ServiceSettings settings = ServiceSettings.fromEnvironment(System.getenv(), "eventline-cli", 0);
        if (bootstrapServers != null) {
            settings = settings.withBootstrapServers(bootstrapServers);
        }
        Json json = new Json();
        try (SchemaRegistry registry = SchemaRegistries.fromConfig(settings.schemaRegistryConfig());
             EventlineClient gateway = new EventlineClient(settings.clientConfig(), settings.topics(), new AvroOutcomeCodec(registry))) {
            AggregateType<?, ?, ?> type = Aggregates.all(registry).stream().filter(t -> t.name().equals(aggregateType)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown aggregate type " + aggregateType));
            Object command;
            try {
                command = CommandJson.bind(json, aggregateType, aggregateId, commandType, json.parseObject(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (Problem problem) {
                System.err.println("error: " + problem.getMessage());
                return 2;
            }
            String id = Optional.ofNullable(commandId).orElseGet(() -> UUID.randomUUID().toString());
            CommandMetadata meta = new CommandMetadata(id, aggregateId,
                    expectedVersion == null ? OptionalLong.empty() : OptionalLong.of(expectedVersion),
                    Instant.now(), id, Optional.empty(), System.getProperty("user.name", "cli"));
            CommandOutcome outcome = send(gateway, type, meta, command, timeout);
            System.out.println(new String(json.write(OutcomeJson.of(outcome))));
            return outcome.accepted() ? 0 : 1;
        }
    }

    @SuppressWarnings("unchecked")
    private static <C> CommandOutcome send(EventlineClient gateway, AggregateType<C, ?, ?> type, CommandMetadata meta, Object command,
                                           Duration timeout) throws Exception {
        return gateway.send(type, new CommandEnvelope<>(meta, (C) command), timeout).get();
    }
}
