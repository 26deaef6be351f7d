package io.eventline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    private final List<BenchResult> results = List.of(
            BenchResult.of("limit", "raw producer (acks=all, idempotent)", 230_000, "records/s"),
            BenchResult.of("tuning", "command-service throughput (backlog, mixed commands) [after: as shipped (2 stream threads)]",
                    51_126, "commands/s").with("runs", 3),
            BenchResult.of("latency", "command -> result at 1000/s", 124.3, "ms p99").with("p50Ms", 65.7));

    @Test
    void writesTheTableTheJsonAndBothCharts(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        BenchReport.print(results, new PrintStream(table, true));
        BenchReport.write(results, Map.of("cores", 2), dir);

        assertThat(table.toString()).contains("raw producer (acks=all, idempotent)").contains("230000.0");
        assertThat(Files.readString(dir.resolve("results.json"))).contains("\"measuredAt\"").contains("\"p50Ms\" : 65.7");
        assertThat(dir.resolve("throughput.png")).isNotEmptyFile();
        assertThat(dir.resolve("latency.png")).isNotEmptyFile();
    }

    @Test
    void drawsTheChartsAgainFromTheSavedResults(@TempDir Path dir) throws Exception {
        BenchReport.write(results, Map.of("cores", 2), dir);
        Files.delete(dir.resolve("throughput.png"));
        Files.delete(dir.resolve("latency.png"));

        BenchReport.redraw(dir);

        assertThat(dir.resolve("throughput.png")).isNotEmptyFile();
        assertThat(dir.resolve("latency.png")).isNotEmptyFile();
    }

    @Test
    void shortensLongNamesForTheChartLabelsOnly() {
        assertThat(BenchReport.label("command-service throughput (backlog, mixed commands) [1 thread, commit interval 200 ms]"))
                .isEqualTo("command service [1 thread, commit interval 200 ms]");
        assertThat(BenchReport.label("x".repeat(80))).hasSize(58).endsWith("…");
        assertThat(BenchReport.label("raw consumer")).isEqualTo("raw consumer");
        assertThat(BenchReport.label("PostgreSQL seed-style store, hot (10 skus), synchronous_commit off, 16 clients"))
                .isEqualTo("PostgreSQL hot (10 skus), sync off, 16 clients");
    }
}
