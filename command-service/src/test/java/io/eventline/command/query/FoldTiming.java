package io.eventline.command.query;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.domain.inventory.InventoryCommand;
import io.eventline.domain.inventory.InventoryEvent;
import io.eventline.domain.inventory.InventoryState;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test (it asserts nothing and runs only when asked): the time to answer an
 * inventory aggregate's current state folded from the first event against folded from the nearest
 * checkpoint, medians of 31, in one run. docs/benchmarks.md records its output:
 * {@code ./mvnw -o verify -pl command-service -Dtest=FoldTiming -Deventline.timing=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "eventline.timing", matches = "true")
class FoldTiming {
    @Test
    void fold_from_the_first_event_against_from_the_nearest_checkpoint() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AggregateType<InventoryCommand, InventoryState, InventoryEvent> inv = Aggregates.inventory(registry);
        String topic = "shop.inventory.events";
        for (int n : new int[] {100, 1_000, 5_000}) {
            List<EventHistory.StoredEvent> events = new ArrayList<>();
            Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
            for (int v = 1; v <= n; v++) {
                InventoryEvent e = v == 1 ? new InventoryEvent.StockAdded("SKU-1", 1_000_000)
                        : v % 2 == 0 ? new InventoryEvent.StockReserved("SKU-1", "o" + v, 1) : new InventoryEvent.StockCommitted("SKU-1", "o" + (v - 1), 1);
                byte[] value = inv.codec().encodeEvent(topic, new RecordHeaders(), new EventEnvelope<>(new EventMetadata("e" + v, "inventory", "SKU-1", v,
                        t0.plusMillis(v), "c" + v, "corr", Optional.empty(), "test"), e));
                events.add(new EventHistory.StoredEvent(v, value));
            }
            FoldCache cache = new FoldCache();
            long[] plain = new long[31];
            long[] cached = new long[31];
            for (int i = 0; i < 31; i++) {
                long a = System.nanoTime();
                new FoldCache().fold("x", events, inv.decider().initialState(), (s, e) -> inv.decider().evolve(s, e),
                        b -> inv.codec().decodeEvent(topic, new RecordHeaders(), b), Optional.empty(), Optional.empty());
                long b = System.nanoTime();
                cache.fold("x", events, inv.decider().initialState(), (s, e) -> inv.decider().evolve(s, e),
                        bb -> inv.codec().decodeEvent(topic, new RecordHeaders(), bb), Optional.empty(), Optional.empty());
                long c = System.nanoTime();
                plain[i] = b - a;
                cached[i] = c - b;
            }
            Arrays.sort(plain);
            Arrays.sort(cached);
            System.out.printf("%d events: from the first event %.2f ms, from the nearest checkpoint %.2f ms (medians of 31)%n",
                    n, plain[15] / 1e6, cached[15] / 1e6);
        }
    }
}
