package io.eventline.bench;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The PostgreSQL peer: the command bench's own mix, command after command, through the seed-style
 * store ({@link SeedStyleStore}) by closed-loop clients, each on a connection of its own. Every
 * case starts on a fresh table, runs the same warm-up commands first (not measured) and then the
 * measured ones, in the backlog's order.
 */
final class PostgresBench {

    static final String GROUP = "postgres";
    static final String NAME = "PostgreSQL seed-style store";
    static final List<Integer> CLIENTS = List.of(1, 4, 16);
    static final int HOT_CLIENTS = 16;

    private PostgresBench() {}

    /** One case: the mix, the commit setting, how many clients. */
    record Case(CommandMix mix, String label, boolean synchronousCommit, int clients, int commands) {

        String name() {
            return NAME + ", " + label + ", synchronous_commit " + (synchronousCommit ? "on" : "off") + ", " + clients
                    + (clients == 1 ? " client" : " clients");
        }
    }

    /**
     * Every case: synchronous_commit on and off, at 1, 4 and 16 clients on the uniform mix, then 16
     * clients on the hot mix (its ten skus), with each setting.
     */
    static List<BenchResult> run(BenchContext ctx, PostgresPeer peer, String serverVersion, int commands, int hotCommands,
                                 java.io.PrintStream log) throws Exception {
        CommandMix uniform = new CommandMix(ctx.runId(), ctx.registry());
        CommandMix hot = new CommandMix(ctx.runId(), ctx.registry(), CommandMix.HOT_KEYS);
        List<Case> cases = new ArrayList<>();
        for (boolean synchronousCommit : List.of(true, false)) {
            for (int clients : CLIENTS) {
                cases.add(new Case(uniform, "uniform", synchronousCommit, clients, commands));
            }
        }
        for (boolean synchronousCommit : List.of(true, false)) {
            cases.add(new Case(hot, "hot (" + CommandMix.HOT_KEYS + " skus)", synchronousCommit, HOT_CLIENTS, hotCommands));
        }
        SeedStyleStore store = new SeedStyleStore("eventline_bench_events", ctx.prefix("pg"));
        String url = peer.url().replaceAll("\\?.*", ""); // not its parameters: they may hold a password
        List<BenchResult> results = new ArrayList<>();
        for (Case c : cases) {
            log.println("    " + c.name() + " ...");
            results.add(measure(peer, store, c).with("server", "PostgreSQL " + serverVersion).with("url", url));
        }
        return results;
    }

    static BenchResult measure(PostgresPeer peer, SeedStyleStore store, Case c) throws Exception {
        try (Connection connection = peer.open(true)) {
            store.recreate(connection);
        }
        long warmUp = c.commands() / 10;
        long total = warmUp + c.commands();
        AtomicLong next = new AtomicLong();
        AtomicLong steadyStart = new AtomicLong();
        Histogram micros = new ConcurrentHistogram(3);
        LongAdder accepted = new LongAdder();
        LongAdder rejected = new LongAdder();
        LongAdder failed = new LongAdder();
        LongAdder conflicts = new LongAdder();
        List<Future<?>> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(c.clients(), Thread.ofPlatform().name("pg-client-", 1).factory());
        try {
            for (int n = 0; n < c.clients(); n++) {
                clients.add(pool.submit(() -> {
                    try (Connection connection = peer.open(c.synchronousCommit())) {
                        for (long k = next.getAndIncrement(); k < total; k = next.getAndIncrement()) {
                            // The backlog's order: its warm-up commands first, then the measured ones.
                            long index = k < warmUp ? CommandBench.WARM_UP_INDEX + k : k - warmUp;
                            if (k == warmUp) {
                                steadyStart.set(System.nanoTime());
                            }
                            long start = System.nanoTime();
                            SeedStyleStore.Handled handled = handle(store, connection, c.mix().command(index));
                            if (k < warmUp) {
                                continue;
                            }
                            micros.recordValue((System.nanoTime() - start) / 1_000);
                            conflicts.add(handled.tries() - 1);
                            switch (handled.result()) {
                                case ACCEPTED -> accepted.increment();
                                case REJECTED -> rejected.increment();
                                case FAILED -> failed.increment();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - steadyStart.get()) / 1e9;
        return BenchResult.of(GROUP, c.name(), c.commands() / seconds, "commands/s")
                .with("commands", c.commands()).with("warmUpCommands", warmUp)
                .with("mix", "AddStock 40%, DepositMoney 30%, PlaceOrder 30%, over " + c.label() + ", as the command bench's backlog")
                .with("accepted", accepted.sum()).with("rejectedByTheDomain", rejected.sum())
                .with("failedAfterRetries", failed.sum()).with("conflictsRetried", conflicts.sum())
                .with("triesPerCommandAtMost", SeedStyleStore.TRIES)
                .with("p50Ms", micros.getValueAtPercentile(50) / 1000.0)
                .with("p99Ms", micros.getValueAtPercentile(99) / 1000.0)
                .with("maxMs", micros.getMaxValue() / 1000.0)
                .with("note", "closed loop: a command's latency is its own time, retries included");
    }

    private static <C> SeedStyleStore.Handled handle(SeedStyleStore store, Connection connection, CommandMix.Addressed<C> command)
            throws java.sql.SQLException {
        return store.handle(connection, command.type(), command.envelope());
    }
}
