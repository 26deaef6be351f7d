package io.eventline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.account.AccountCommand;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.inventory.InventoryState;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the PostgreSQL of EVENTLINE_BENCH_PG_* (see {@link PostgresPeer}); skipped when none answers. */
class SeedStyleStoreTest {

    private static final PostgresPeer PEER = PostgresPeer.fromEnvironment(System.getenv());
    private static final String TABLE = "eventline_bench_store_test";
    private static final String SKU = "sku-1";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AggregateType<InventoryCommand, InventoryState, InventoryEvent> inventory = Aggregates.inventory(registry);
    private final SeedStyleStore store = new SeedStyleStore(TABLE, "test");
    private final List<Connection> connections = new ArrayList<>();

    private static PostgresPeer.Reachable reachable;

    @BeforeAll
    static void reach() {
        reachable = PEER.reach();
        if (reachable.version().isEmpty()) {
            System.err.println("SeedStyleStoreTest skipped: no PostgreSQL at " + PEER.url() + " (" + reachable.why() + ")");
        }
    }

    @BeforeEach
    void freshTable() throws SQLException {
        // Each test is reported skipped with why (CI has no PostgreSQL), not failed.
        assumeTrue(reachable.version().isPresent(), () -> "no PostgreSQL at " + PEER.url() + " as " + PEER.user()
                + " (" + reachable.why() + "); to run these tests, " + PostgresPeer.HOW_TO_INSTALL);
        store.recreate(connection());
    }

    @AfterEach
    void close() throws SQLException {
        for (Connection c : connections) {
            c.close();
        }
    }

    @Test
    void decides_each_command_on_the_folded_stream_and_appends_at_the_next_version() throws SQLException {
        Connection c = connection();
        assertThat(store.handle(c, inventory, command("a", new InventoryCommand.AddStock(SKU, 5))))
                .isEqualTo(new SeedStyleStore.Handled(SeedStyleStore.Result.ACCEPTED, 1));
        store.handle(c, inventory, command("b", new InventoryCommand.AddStock(SKU, 3)));
        // 8 available only if both arrivals were read back and folded.
        store.handle(c, inventory, command("c", new InventoryCommand.ReserveStock(SKU, "order-1", 8)));
        store.handle(c, inventory, command("d", new InventoryCommand.ReserveStock(SKU, "order-2", 1)));

        assertThat(stream()).containsExactly("1 StockAdded a", "2 StockAdded b", "3 StockReserved c", "4 StockReservationFailed d");
    }

    @Test
    void a_command_that_meets_a_concurrent_append_reloads_and_lands_after_it() throws Exception {
        Connection other = connection();
        append(other, 1, "other", new InventoryEvent.StockAdded(SKU, 2)); // not committed yet

        Connection mine = connection();
        CompletableFuture<SeedStyleStore.Handled> handled = CompletableFuture.supplyAsync(() -> {
            try {
                return store.handle(mine, inventory, command("mine", new InventoryCommand.AddStock(SKU, 1)));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        // Ours read an empty stream and now waits on the other's version 1; it fails when that commits.
        awaitALockWait();
        other.commit();

        assertThat(handled.get()).isEqualTo(new SeedStyleStore.Handled(SeedStyleStore.Result.ACCEPTED, 2));
        assertThat(stream()).containsExactly("1 StockAdded other", "2 StockAdded mine");
    }

    @Test
    void a_command_the_domain_refuses_writes_nothing() throws SQLException {
        AggregateType<AccountCommand, ?, ?> accounts = Aggregates.account(registry);
        CommandEnvelope<AccountCommand> deposit = new CommandEnvelope<>(metadata("deposit", "alice"),
                new AccountCommand.DepositMoney("alice", 100));

        assertThat(store.handle(connection(), accounts, deposit).result()).isEqualTo(SeedStyleStore.Result.REJECTED);
        assertThat(stream()).isEmpty();
    }

    private Connection connection() throws SQLException {
        Connection c = PEER.open(true);
        connections.add(c);
        return c;
    }

    private CommandEnvelope<InventoryCommand> command(String id, InventoryCommand command) {
        return new CommandEnvelope<>(metadata(id, SKU), command);
    }

    private static CommandMetadata metadata(String commandId, String aggregateId) {
        return new CommandMetadata(commandId, aggregateId, OptionalLong.empty(), Instant.EPOCH, commandId, Optional.empty(), "test");
    }

    /** What a concurrent writer of the same store appends, in its own transaction. */
    private void append(Connection c, long version, String commandId, InventoryEvent event) throws SQLException {
        EventMetadata meta = new EventMetadata("00000000-0000-0000-0000-00000000000" + version, "inventory", SKU, version,
                Instant.EPOCH, commandId, commandId, Optional.empty(), "test");
        byte[] payload = inventory.codec().encodeEvent(store.topic(inventory), new RecordHeaders(), new EventEnvelope<>(meta, event));
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (aggregate_type, aggregate_id, version, "
                + "event_type, event_id, payload, occurred_at, command_id) VALUES ('inventory', ?, ?, 'StockAdded', ?::uuid, ?, now(), ?)")) {
            insert.setString(1, SKU);
            insert.setLong(2, version);
            insert.setString(3, meta.eventId());
            insert.setBytes(4, payload);
            insert.setString(5, commandId);
            insert.executeUpdate();
        }
    }

    private void awaitALockWait() throws Exception {
        Connection watcher = connection();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (ResultSet waiting = watcher.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO " + TABLE + "%'")) {
                waiting.next();
                if (waiting.getLong(1) > 0) {
                    watcher.rollback();
                    return;
                }
            }
            watcher.rollback();
            Thread.sleep(10);
        }
        throw new AssertionError("the command never waited on the concurrent append");
    }

    private List<String> stream() throws SQLException {
        List<String> rows = new ArrayList<>();
        Connection c = connection();
        try (ResultSet r = c.createStatement().executeQuery("SELECT version, event_type, command_id FROM " + TABLE
                + " ORDER BY version")) {
            while (r.next()) {
                rows.add(r.getLong(1) + " " + r.getString(2) + " " + r.getString(3));
            }
        }
        c.rollback();
        return rows;
    }
}
