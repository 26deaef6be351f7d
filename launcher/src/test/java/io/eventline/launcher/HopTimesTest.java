package io.eventline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HopTimesTest {

    private static final boolean COMMAND = true;
    private static final boolean EVENT = false;

    @Test
    void timesEachHopFromTheRecordBeforeItInTheSameChain() {
        HopTimes times = new HopTimes("run-place-", Map.of("run-place-o-1", 1_000L));

        times.see("run-place-o-1", "PlaceOrder", COMMAND, 1_030);
        times.see("run-place-o-1", "OrderPlaced", EVENT, 1_130);
        times.see("run-place-o-1", "ReserveStock", COMMAND, 1_400);
        times.see("run-place-o-1", "ReserveStock", COMMAND, 1_401); // sent together: no hop of its own
        times.see("run-place-o-1", "StockReserved", EVENT, 1_501);
        times.see("run-place-o-1", "StockReserved", EVENT, 1_600);
        times.see("run-place-o-1", "ChargePayment", COMMAND, 1_700);  // from the last StockReserved
        times.see("other-o-2", "PlaceOrder", COMMAND, 1_000);         // not this run's
        times.see("run-place-o-1", null, EVENT, 1_800);               // no event-type header

        String printed = print(times);
        assertThat(printed)
                .containsPattern("\\(due\\) -> PlaceOrder +p50 +30 ")
                .containsPattern("PlaceOrder -> OrderPlaced +p50 +100 ")
                .containsPattern("OrderPlaced -> ReserveStock +p50 +270 ")
                .containsPattern("ReserveStock -> StockReserved +p50 +100 ")
                .containsPattern("StockReserved -> ChargePayment +p50 +100 ")
                .containsPattern("every command -> its event +p50 +100 .*\\(n=2\\)")
                .containsPattern("every event -> the saga's next command +p50 +100 .*\\(n=2\\)")
                .doesNotContain("other");
    }

    @Test
    void leavesOutHopsSeenLessOftenThanAsked() {
        HopTimes times = new HopTimes("r-", Map.of());
        for (int i = 0; i < 10; i++) {
            times.see("r-" + i, "PlaceOrder", COMMAND, 0);
            times.see("r-" + i, "OrderPlaced", EVENT, 50);
        }
        times.see("r-0", "CancelOrder", COMMAND, 90);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        times.print(new PrintStream(out, true, StandardCharsets.UTF_8), 5);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("PlaceOrder -> OrderPlaced").doesNotContain("OrderPlaced -> CancelOrder");
    }

    private static String print(HopTimes times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        times.print(new PrintStream(out, true, StandardCharsets.UTF_8), 1);
        return out.toString(StandardCharsets.UTF_8);
    }
}
