package io.eventline.bench;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.client.EventlineClient;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderLine;
import io.eventline.schemas.registry.SchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A realistic mix of commands over three aggregate types: stock arrivals, deposits and new orders
 * (4 : 3 : 3), over a thousand skus and accounts (or fewer: the hot mix). Every command is accepted
 * once the accounts are open, so the figures measure the happy path's cost. The i-th command is
 * the same whoever runs it: the pipeline's backlog and the PostgreSQL peer decide the same ones.
 */
final class CommandMix {

    static final int KEYS = 1000;

    /** The hot mix's keys: every stock arrival goes to one of ten skus (and every deposit to one of ten accounts). */
    static final int HOT_KEYS = 10;

    private final String run;
    private final int keys;
    private final AggregateType<InventoryCommand, ?, ?> inventory;
    private final AggregateType<AccountCommand, ?, ?> accounts;
    private final AggregateType<OrderCommand, ?, ?> orders;

    CommandMix(String run, SchemaRegistry registry) {
        this(run, registry, KEYS);
    }

    CommandMix(String run, SchemaRegistry registry, int keys) {
        this.run = run;
        this.keys = keys;
        this.inventory = Aggregates.inventory(registry);
        this.accounts = Aggregates.account(registry);
        this.orders = Aggregates.order(registry);
    }

    /** A command with the aggregate type it is for. */
    record Addressed<C>(AggregateType<C, ?, ?> type, CommandEnvelope<C> envelope) {}

    /** The i-th command of the mix. */
    Addressed<?> command(long i) {
        return switch ((int) (i % 10)) {
            case 0, 1, 2, 3 -> new Addressed<>(inventory, stock(i));
            case 4, 5, 6 -> new Addressed<>(accounts, deposit(i));
            default -> new Addressed<>(orders, order(i));
        };
    }

    /** Opens the accounts the deposits go to; returns once all are accepted. */
    void openAccounts(EventlineClient gateway) {
        CompletableFuture<?>[] opened = new CompletableFuture<?>[keys];
        for (int i = 0; i < keys; i++) {
            String customer = customer(i);
            opened[i] = gateway.send(accounts, envelope("open-" + customer, customer, new AccountCommand.OpenAccount(customer, "EUR")),
                    Duration.ofMinutes(2));
        }
        CompletableFuture.allOf(opened).join();
    }

    void publish(EventlineClient gateway, long i) {
        publish(gateway, command(i));
    }

    CompletableFuture<CommandOutcome> send(EventlineClient gateway, long i) {
        return send(gateway, command(i));
    }

    private static <C> void publish(EventlineClient gateway, Addressed<C> command) {
        gateway.publish(command.type(), command.envelope());
    }

    private static <C> CompletableFuture<CommandOutcome> send(EventlineClient gateway, Addressed<C> command) {
        return gateway.send(command.type(), command.envelope(), Duration.ofSeconds(60));
    }

    private CommandEnvelope<InventoryCommand> stock(long i) {
        String sku = run + "-sku-" + (i % keys);
        return envelope("c" + i, sku, new InventoryCommand.AddStock(sku, 1));
    }

    private CommandEnvelope<AccountCommand> deposit(long i) {
        String customer = customer((int) (i % keys));
        return envelope("c" + i, customer, new AccountCommand.DepositMoney(customer, 100));
    }

    private CommandEnvelope<OrderCommand> order(long i) {
        String orderId = run + "-order-" + i;
        return envelope("c" + i, orderId, new OrderCommand.PlaceOrder(orderId, customer((int) (i % keys)),
                List.of(new OrderLine(run + "-sku-" + (i % keys), 1, 1999)), "EUR"));
    }

    private String customer(int i) {
        return run + "-customer-" + i;
    }

    private <C> CommandEnvelope<C> envelope(String commandId, String aggregateId, C command) {
        return new CommandEnvelope<>(new CommandMetadata(run + "-" + commandId, aggregateId, OptionalLong.empty(), Instant.now(),
                run + "-" + commandId, Optional.empty(), "bench"), command);
    }
}
