package io.eventline.projection.saga;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.fulfilment.FulfilmentCommand;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.shipment.ShipmentCommand;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The saga's commands as records for their aggregates' command topics: keyed by the target
 * aggregate's id, the envelope written by that aggregate's own mapping.
 */
final class SagaCommands {

    static final String ACTOR = "order-fulfilment";

    /** One record for the command topic of {@code aggregateType}. */
    record Outgoing(String aggregateType, String key, String commandId, byte[] value, Headers headers) {}

    private final Topics topics;
    private final AggregateType<OrderCommand, ?, ?> orders;
    private final AggregateType<InventoryCommand, ?, ?> inventory;
    private final AggregateType<AccountCommand, ?, ?> accounts;
    private final AggregateType<ShipmentCommand, ?, ?> shipments;

    SagaCommands(Topics topics, SchemaRegistry registry) {
        this.topics = topics;
        this.orders = Aggregates.order(registry);
        this.inventory = Aggregates.inventory(registry);
        this.accounts = Aggregates.account(registry);
        this.shipments = Aggregates.shipment(registry);
    }

    /** The commands {@code input} caused, each with an id derived from the input and its index. */
    List<Outgoing> encode(List<FulfilmentCommand> commands, SagaInput input, String correlationId) {
        List<Outgoing> out = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            FulfilmentCommand command = commands.get(i);
            CommandMetadata meta = new CommandMetadata(
                    SagaCommandIds.of(command.kind(), input.orderId(), input.inputId(), i), command.aggregateId(),
                    OptionalLong.empty(), input.occurredAt(), correlationId, Optional.of(input.inputId()), ACTOR);
            out.add(encode(command, meta));
        }
        return out;
    }

    private Outgoing encode(FulfilmentCommand command, CommandMetadata meta) {
        return switch (command) {
            case FulfilmentCommand.ReserveStock(var c) -> encode(inventory, meta, c);
            case FulfilmentCommand.ChargePayment(var c) -> encode(accounts, meta, c);
            case FulfilmentCommand.ConfirmOrder(var c) -> encode(orders, meta, c);
            case FulfilmentCommand.CreateShipment(var c) -> encode(shipments, meta, c);
            case FulfilmentCommand.ShipOrder(var c) -> encode(orders, meta, c);
            case FulfilmentCommand.CommitStock(var c) -> encode(inventory, meta, c);
            case FulfilmentCommand.ReleaseStock(var c) -> encode(inventory, meta, c);
            case FulfilmentCommand.RefundPayment(var c) -> encode(accounts, meta, c);
            case FulfilmentCommand.CancelOrder(var c) -> encode(orders, meta, c);
        };
    }

    private <C> Outgoing encode(AggregateType<C, ?, ?> type, CommandMetadata meta, C command) {
        Headers headers = new RecordHeaders();
        byte[] value = type.codec().encodeCommand(topics.commands(type.name()), headers, new CommandEnvelope<>(meta, command));
        return new Outgoing(type.name(), meta.aggregateId(), meta.commandId(), value, headers);
    }
}
