package io.eventline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresPartTest {

    private static final String KAFKA = "command-service throughput (backlog, mixed commands)";

    @Test
    void compares_the_pipeline_with_postgresqls_best_figure_uniform_and_hot() {
        List<BenchResult> results = new ArrayList<>(List.of(
                BenchResult.of("commands", KAFKA, 10_000, "commands/s"),
                postgres("uniform, synchronous_commit on, 4 clients", 1_000),
                postgres("uniform, synchronous_commit off, 4 clients", 2_500),
                BenchResult.of("commands", KAFKA + " [hot: 10 skus]", 8_000, "commands/s").with("concurrencyConflicts", 0L),
                postgres("hot (10 skus), synchronous_commit on, 16 clients", 300),
                postgres("hot (10 skus), synchronous_commit off, 16 clients", 400)));

        PostgresPart.ratios(results, new PrintStream(new ByteArrayOutputStream()));

        BenchResult uniform = named(results, PostgresPart.UNIFORM_RATIO);
        assertThat(uniform.value()).isEqualTo(4.0);
        assertThat(uniform.details()).containsEntry("met", true)
                .containsEntry("postgresCase", PostgresBench.NAME + ", uniform, synchronous_commit off, 4 clients");
        BenchResult hot = named(results, PostgresPart.HOT_RATIO);
        assertThat(hot.value()).isEqualTo(20.0);
        assertThat(hot.details()).containsEntry("met", true).containsEntry("postgres", 400L);
    }

    @Test
    void a_single_conflict_in_the_pipeline_misses_the_hot_goal_whatever_the_ratio() {
        List<BenchResult> results = new ArrayList<>(List.of(
                BenchResult.of("commands", KAFKA + " [hot: 10 skus]", 100_000, "commands/s").with("concurrencyConflicts", 1L),
                postgres("hot (10 skus), synchronous_commit on, 16 clients", 300)));

        PostgresPart.ratios(results, new PrintStream(new ByteArrayOutputStream()));

        assertThat(named(results, PostgresPart.HOT_RATIO).details()).containsEntry("met", false)
                .containsEntry("commandServiceConcurrencyConflicts", 1L);
        // No uniform figure of the pipeline in this run: no uniform ratio either.
        assertThat(results).extracting(BenchResult::name).doesNotContain(PostgresPart.UNIFORM_RATIO);
    }

    private static BenchResult postgres(String label, double perSecond) {
        return BenchResult.of(PostgresBench.GROUP, PostgresBench.NAME + ", " + label, perSecond, "commands/s")
                .with("failedAfterRetries", 0L);
    }

    private static BenchResult named(List<BenchResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
