package io.eventline.launcher.faults;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.client.EventlineClient;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.inventory.InventoryCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A shop under load, through the command gateway: seeded accounts and stock, then a steady rate of
 * interleaved command flows ({@link ShopFlows}) on a thread of its own, with one command in forty sent
 * twice under the same id, as a client retrying after a timeout would.
 */
public final class ShopWorkload implements AutoCloseable {

    /** One customer in ten can hardly pay, one sku in eight is nearly out: orders for them are compensated. */
    static final int POOR_EVERY = 10;
    static final int SCARCE_EVERY = 8;

    private final String run;
    private final EventlineClient gateway;
    private final List<AggregateType<?, ?, ?>> types;
    private final ShopFlows flows;
    private final boolean saga;
    private final int customers;
    private final int skus;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean running;
    private volatile long startedAt;
    private volatile long longestSendNanos;
    private Thread thread;

    /** With {@code saga}, only orders, restocking and deposits: what the saga needs and its invariants allow. */
    public ShopWorkload(String run, EventlineClient gateway, List<AggregateType<?, ?, ?>> types, boolean saga, long seed) {
        this.run = run;
        this.gateway = gateway;
        this.types = types;
        this.saga = saga;
        this.customers = 20;
        this.skus = 16;
        this.flows = new ShopFlows(run, customers, skus, seed, types);
    }

    /** Opens every account (all but one in ten with money) and stocks every sku; waits until all is accepted. */
    public void seed() {
        AggregateType<AccountCommand, ?, ?> accounts = type(types, "account");
        AggregateType<InventoryCommand, ?, ?> inventory = type(types, "inventory");
        List<CompletableFuture<CommandOutcome>> seeding = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            String customer = customer(run, c);
            seeding.add(send(Step.of(accounts, customer, new AccountCommand.OpenAccount(customer, "EUR"))));
            seeding.add(send(Step.of(accounts, customer, new AccountCommand.DepositMoney(customer, c % POOR_EVERY == 0 ? 500 : 200_000))));
        }
        for (int s = 0; s < skus; s++) {
            seeding.add(send(Step.of(inventory, sku(run, s), new InventoryCommand.AddStock(sku(run, s), s % SCARCE_EVERY == 0 ? 4 : 500))));
        }
        long refused = seeding.stream().map(CompletableFuture::join).filter(o -> !o.accepted()).count();
        if (refused > 0) {
            throw new IllegalStateException(refused + " seeding commands of " + run + " were refused");
        }
    }

    /** Publishes at {@code perSecond} until {@link #stop()}; flows interleave, each in its own order. */
    public void start(int perSecond) {
        running = true;
        startedAt = System.nanoTime();
        thread = Thread.ofPlatform().name("workload-" + run).daemon().start(() -> {
            List<Deque<Step<?>>> active = new ArrayList<>();
            Random random = new Random(run.hashCode());
            long interval = 1_000_000_000L / perSecond;
            long due = System.nanoTime();
            CommandEnvelope<?> last = null;
            Step<?> lastStep = null;
            while (running) {
                if (active.size() < 12 || random.nextInt(4) == 0) {
                    active.add(new ArrayDeque<>(flows.next(saga)));
                }
                int pick = random.nextInt(active.size());
                Step<?> step = active.get(pick).poll();
                if (active.get(pick).isEmpty()) {
                    active.remove(pick);
                }
                long before = System.nanoTime();
                last = publish(step);
                longestSendNanos = Math.max(longestSendNanos, System.nanoTime() - before);
                lastStep = step;
                if (published.get() % 40 == 0) {
                    republish(lastStep, last);
                    resent.incrementAndGet();
                }
                due += interval;
                LockSupport.parkNanos(due - System.nanoTime());
            }
        });
    }

    /** Stops publishing and flushes what the gateway still holds; returns how many records were published. */
    public long stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(10_000);
        }
        gateway.flush();
        return published.get();
    }

    public long published() {
        return published.get();
    }

    public long resent() {
        return resent.get();
    }

    /** Where the workload is: seconds since it started, and commands published. */
    public String progress() {
        return String.format("%.1f s, %d commands", (System.nanoTime() - startedAt) / 1e9, published.get());
    }

    /** The longest a single publish blocked: a gateway that stalls shows here. */
    public long longestSendMillis() {
        return longestSendNanos / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private <C> CompletableFuture<CommandOutcome> send(Step<C> step) {
        return gateway.send(step.type(), envelope(step), Duration.ofMinutes(2));
    }

    private <C> CommandEnvelope<C> publish(Step<C> step) {
        CommandEnvelope<C> envelope = envelope(step);
        gateway.publish(step.type(), envelope);
        published.incrementAndGet();
        return envelope;
    }

    @SuppressWarnings("unchecked")
    private <C> void republish(Step<C> step, CommandEnvelope<?> envelope) {
        gateway.publish(step.type(), (CommandEnvelope<C>) envelope);
        published.incrementAndGet();
    }

    private <C> CommandEnvelope<C> envelope(Step<C> step) {
        String commandId = run + "-c" + ids.incrementAndGet();
        return new CommandEnvelope<>(new CommandMetadata(commandId, step.aggregateId(), step.expectedVersion(), Instant.now(),
                commandId, Optional.empty(), "workload"), step.command());
    }

    static String customer(String run, int i) {
        return run + "-customer-" + i;
    }

    static String sku(String run, int i) {
        return run + "-sku-" + i;
    }

    @SuppressWarnings("unchecked")
    static <C> AggregateType<C, ?, ?> type(List<AggregateType<?, ?, ?>> types, String name) {
        return (AggregateType<C, ?, ?>) types.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
