package io.eventline.launcher;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.client.EventlineClient;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The demo's shoppers: accounts with money (some with too little), stock (some skus scarce), then
 * orders at a steady rate. Ids carry the run's name, so runs on the same data never collide.
 */
final class DemoWorkload {

    record Shape(int customers, int skus, int orders, int ratePerSecond, long seed) {}

    private final String run;
    private final Shape shape;
    private final EventlineClient gateway;
    private final AggregateType<OrderCommand, ?, ?> orders;
    private final AggregateType<InventoryCommand, ?, ?> inventory;
    private final AggregateType<AccountCommand, ?, ?> accounts;
    private final Random random;
    final Histogram commandLatencyMicros = new ConcurrentHistogram(3);
    final AtomicLong sent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** When each order's PlaceOrder was due (wall clock), by its correlation id. */
    final Map<String, Long> dueMillisByCorrelation = new ConcurrentHashMap<>();
    private volatile long sendingNanos;
    private final List<CompletableFuture<CommandOutcome>> pending = new ArrayList<>();

    DemoWorkload(String run, Shape shape, EventlineClient gateway, AggregateType<OrderCommand, ?, ?> orders,
                 AggregateType<InventoryCommand, ?, ?> inventory, AggregateType<AccountCommand, ?, ?> accounts) {
        this.run = run;
        this.shape = shape;
        this.gateway = gateway;
        this.orders = orders;
        this.inventory = inventory;
        this.accounts = accounts;
        this.random = new Random(shape.seed());
    }

    /** Opens every account with a deposit and stocks every sku; waits for all of it to be accepted. */
    void seed() {
        List<CompletableFuture<CommandOutcome>> seeding = new ArrayList<>();
        for (int c = 0; c < shape.customers(); c++) {
            String customer = customer(c);
            seeding.add(send(accounts, "open-" + customer, customer, new AccountCommand.OpenAccount(customer, "EUR")));
            // One customer in ten can afford about one order; the rest, dozens.
            long deposit = c % 10 == 0 ? 5_000 : 500_000 + random.nextInt(500_000);
            seeding.add(send(accounts, "deposit-" + customer, customer, new AccountCommand.DepositMoney(customer, deposit)));
        }
        for (int s = 0; s < shape.skus(); s++) {
            // One sku in eight is scarce: orders for it run out and get compensated.
            int quantity = s % 8 == 0 ? 5 : 10_000;
            seeding.add(send(inventory, "stock-" + sku(s), sku(s), new InventoryCommand.AddStock(sku(s), quantity)));
        }
        CompletableFuture.allOf(seeding.toArray(CompletableFuture[]::new)).join();
        long refused = seeding.stream().filter(f -> !f.join().accepted()).count();
        if (refused > 0) {
            throw new IllegalStateException(refused + " seeding commands were rejected");
        }
    }

    Shape shape() {
        return shape;
    }

    /**
     * Places the orders at the configured rate; returns once all are sent (outcomes keep arriving).
     * Each order's latency runs from when it was due, not from when it was sent, so a sender that
     * falls behind shows as latency instead of hiding it (no coordinated omission).
     */
    void placeOrders() {
        long intervalNanos = 1_000_000_000L / Math.max(1, shape.ratePerSecond());
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        long next = start;
        for (int o = 0; o < shape.orders(); o++) {
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long due = next;
            String orderId = run + "-o-" + o;
            String customer = customer(random.nextInt(shape.customers()));
            List<OrderLine> lines = new ArrayList<>();
            int lineCount = 1 + random.nextInt(3);
            List<Integer> skus = random.ints(0, shape.skus()).distinct().limit(lineCount).boxed().toList();
            for (int s : skus) {
                lines.add(new OrderLine(sku(s), 1 + random.nextInt(3), 500 + random.nextInt(5_000)));
            }
            dueMillisByCorrelation.put(correlationId("place-" + orderId), startMillis + (due - start) / 1_000_000);
            CompletableFuture<CommandOutcome> outcome = send(orders, "place-" + orderId, orderId,
                    new OrderCommand.PlaceOrder(orderId, customer, lines, "EUR"));
            sent.incrementAndGet();
            pending.add(outcome.whenComplete((r, e) -> {
                commandLatencyMicros.recordValue(Math.max(0, (System.nanoTime() - due) / 1_000));
                if (e != null) {
                    failed.incrementAndGet();
                } else if (r.accepted()) {
                    accepted.incrementAndGet();
                } else {
                    rejected.incrementAndGet();
                }
            }));
        }
        sendingNanos = System.nanoTime() - start;
    }

    /** How long sending took: the achieved send rate is {@link #sent} over this. */
    long sendingNanos() {
        return sendingNanos;
    }

    /** The correlation prefix of this run's orders (their PlaceOrder and every step the saga takes for them). */
    String orderCorrelationPrefix() {
        return correlationId("place-");
    }

    void awaitOutcomes() {
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    }

    String orderPrefix() {
        return run + "-o-";
    }

    private <C> CompletableFuture<CommandOutcome> send(AggregateType<C, ?, ?> type, String commandId, String id, C command) {
        CommandMetadata meta = new CommandMetadata(run + "-" + commandId, id, OptionalLong.empty(), Instant.now(),
                correlationId(commandId), Optional.empty(), "demo");
        return gateway.send(type, new CommandEnvelope<>(meta, command), Duration.ofSeconds(60));
    }

    private String correlationId(String commandId) {
        return run + "-" + commandId;
    }

    private String customer(int c) {
        return run + "-c-" + c;
    }

    private String sku(int s) {
        return run + "-sku-" + s;
    }
}
