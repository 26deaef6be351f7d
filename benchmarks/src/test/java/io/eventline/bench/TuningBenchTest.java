package io.eventline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TuningBenchTest {

    @Test
    void reportsTheMedianRunOfEachSettingAgainstTheBareAppWithTheSameThreads() {
        Map<String, List<BenchResult>> runs = new LinkedHashMap<>();
        runs.put("bare exactly-once app, 1 stream thread", List.of(bare(100), bare(300), bare(200)));
        runs.put("bare exactly-once app, 2 stream threads", List.of(bare(400), bare(500), bare(450)));
        runs.put("one thread", List.of(commands(50, 1), commands(10, 1), commands(70, 1)));
        runs.put("as shipped", List.of(commands(90, 2), commands(135, 2), commands(300, 2)));

        List<BenchResult> summary = TuningBench.summarise(runs, "tuning");

        assertThat(summary).extracting(BenchResult::value).containsExactly(200.0, 450.0, 50.0, 135.0);
        assertThat(summary).extracting(BenchResult::group).containsOnly("tuning");
        assertThat(summary.get(2).details()).containsEntry("percentOfBareSameThreads", 25.0).containsEntry("allRuns", "50 10 70");
        // Two stream threads: compared with the bare app running two.
        assertThat(summary.get(3).details()).containsEntry("percentOfBareSameThreads", 30.0).containsEntry("runs", 3);
    }

    private static BenchResult bare(double perSecond) {
        return BenchResult.of("tuning", "bare", perSecond, "records/s");
    }

    private static BenchResult commands(double perSecond, int streamThreads) {
        return BenchResult.of("tuning", "commands", perSecond, "commands/s").with("streamThreads", streamThreads);
    }
}
