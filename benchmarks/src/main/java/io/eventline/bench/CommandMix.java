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
 * (4 : 3 : 3), over a thousand skus and accounts. Every command is accepted once the accounts
 * are open, so the figures measure the happy path's cost.
 */
final class CommandMix {

    static final int KEYS = 1000;

    private final String run;
    private final AggregateType<InventoryCommand, ?, ?> inventory;
    private final AggregateType<AccountCommand, ?, ?> accounts;
    private final AggregateType<OrderCommand, ?, ?> orders;

    CommandMix(String run, SchemaRegistry registry) {
        this.run = run;
        this.inventory = Aggregates.inventory(registry);
        this.accounts = Aggregates.account(registry);
        this.orders = Aggregates.order(registry);
    }

    /** Opens the accounts the deposits go to; returns once all are accepted. */
    void openAccounts(EventlineClient gateway) {
        CompletableFuture<?>[] opened = new CompletableFuture<?>[KEYS];
        for (int i = 0; i < KEYS; i++) {
            String customer = customer(i);
            opened[i] = gateway.send(accounts, envelope("open-" + customer, customer, new AccountCommand.OpenAccount(customer, "EUR")),
                    Duration.ofMinutes(2));
        }
        CompletableFuture.allOf(opened).join();
    }

    void publish(EventlineClient gateway, long i) {
        switch ((int) (i % 10)) {
            case 0, 1, 2, 3 -> gateway.publish(inventory, stock(i));
            case 4, 5, 6 -> gateway.publish(accounts, deposit(i));
            default -> gateway.publish(orders, order(i));
        }
    }

    CompletableFuture<CommandOutcome> send(EventlineClient gateway, long i) {
        Duration timeout = Duration.ofSeconds(60);
        return switch ((int) (i % 10)) {
            case 0, 1, 2, 3 -> gateway.send(inventory, stock(i), timeout);
            case 4, 5, 6 -> gateway.send(accounts, deposit(i), timeout);
            default -> gateway.send(orders, order(i), timeout);
        };
    }

    private CommandEnvelope<InventoryCommand> stock(long i) {
        String sku = run + "-sku-" + (i % KEYS);
        return envelope("c" + i, sku, new InventoryCommand.AddStock(sku, 1));
    }

    private CommandEnvelope<AccountCommand> deposit(long i) {
        String customer = customer((int) (i % KEYS));
        return envelope("c" + i, customer, new AccountCommand.DepositMoney(customer, 100));
    }

    private CommandEnvelope<OrderCommand> order(long i) {
        String orderId = run + "-order-" + i;
        return envelope("c" + i, orderId, new OrderCommand.PlaceOrder(orderId, customer((int) (i % KEYS)),
                List.of(new OrderLine(run + "-sku-" + (i % KEYS), 1, 1999)), "EUR"));
    }

    private String customer(int i) {
        return run + "-customer-" + i;
    }

    private <C> CommandEnvelope<C> envelope(String commandId, String aggregateId, C command) {
        return new CommandEnvelope<>(new CommandMetadata(run + "-" + commandId, aggregateId, OptionalLong.empty(), Instant.now(),
                run + "-" + commandId, Optional.empty(), "bench"), command);
    }
}
