package io.eventline.launcher.faults;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.order.OrderCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends what a careless or hostile client might: raw bytes beside the gateway, and commands through it. */
final class PoisonSender implements AutoCloseable {

    private final FaultPipeline pipeline;
    private final KafkaProducer<byte[], byte[]> raw;
    private int next;
    private int sent;

    PoisonSender(FaultPipeline pipeline) {
        this.pipeline = pipeline;
        this.raw = new KafkaProducer<>(pipeline.settings.clientConfig(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Four records no command decoder accepts; returns how many were sent. */
    int undecodable() {
        String inventoryTopic = pipeline.settings.topics().commands("inventory");
        String accountTopic = pipeline.settings.topics().commands("account");
        AggregateType<OrderCommand, ?, ?> orders = ShopWorkload.type(pipeline.types, "order");
        AggregateType<InventoryCommand, ?, ?> inventory = ShopWorkload.type(pipeline.types, "inventory");
        byte[] orderBytes = orders.codec().encodeCommand(pipeline.settings.topics().commands("order"), new RecordHeaders(),
                envelope("o", new OrderCommand.ConfirmOrder("o"), OptionalLong.empty()));
        byte[] stockBytes = inventory.codec().encodeCommand(inventoryTopic, new RecordHeaders(),
                envelope("s", new InventoryCommand.AddStock("s", 1), OptionalLong.empty()));
        List<ProducerRecord<byte[], byte[]>> poison = List.of(
                new ProducerRecord<>(inventoryTopic, utf8("s"), utf8("not avro at all")),
                new ProducerRecord<>(inventoryTopic, utf8("s"), null),
                new ProducerRecord<>(accountTopic, utf8("o"), orderBytes),
                new ProducerRecord<>(inventoryTopic, utf8("s"), Arrays.copyOf(stockBytes, stockBytes.length / 2)));
        poison.forEach(raw::send);
        raw.flush();
        sent += poison.size();
        return poison.size();
    }

    <C> CompletableFuture<CommandOutcome> send(AggregateType<C, ?, ?> type, String aggregateId, C command) {
        return sendExpecting(type, aggregateId, -1, command);
    }

    <C> CompletableFuture<CommandOutcome> sendExpecting(AggregateType<C, ?, ?> type, String aggregateId, long version, C command) {
        CommandEnvelope<C> envelope = envelope(aggregateId, command, version < 0 ? OptionalLong.empty() : OptionalLong.of(version));
        return pipeline.gateway().send(type, envelope, Duration.ofMinutes(2));
    }

    /** A command whose record, as the producer measures it, is {@code size} bytes: its free text is grown to fit. */
    <C> CompletableFuture<CommandOutcome> sized(AggregateType<C, ?, ?> type, String aggregateId, int size,
                                                Function<String, C> withText) {
        String topic = pipeline.settings.topics().commands(type.name());
        int length = size;
        CommandEnvelope<C> envelope = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            envelope = envelope(aggregateId, withText.apply("x".repeat(Math.max(0, length))), OptionalLong.empty());
            RecordHeaders headers = new RecordHeaders();
            int actual = RecordSize.upperBound(utf8(aggregateId), type.codec().encodeCommand(topic, headers, envelope), headers);
            length += size - actual;
        }
        sent++;
        return pipeline.gateway().send(type, envelope, Duration.ofMinutes(2));
    }

    /** One command sent, answered, and sent again under the same id: both outcomes. */
    <C> List<CommandOutcome> twice(AggregateType<C, ?, ?> type, String aggregateId, C command) {
        CommandEnvelope<C> envelope = envelope(aggregateId, command, OptionalLong.empty());
        CommandOutcome first = pipeline.gateway().send(type, envelope, Duration.ofMinutes(2)).join();
        sent++;
        return List.of(first, pipeline.gateway().send(type, envelope, Duration.ofMinutes(2)).join());
    }

    int sent() {
        return sent;
    }

    private <C> CommandEnvelope<C> envelope(String aggregateId, C command, OptionalLong expected) {
        String commandId = pipeline.prefix + "-poison-" + next++;
        return new CommandEnvelope<>(new CommandMetadata(commandId, aggregateId, expected, Instant.now(), commandId,
                Optional.empty(), "poison"), command);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        raw.close();
    }
}
