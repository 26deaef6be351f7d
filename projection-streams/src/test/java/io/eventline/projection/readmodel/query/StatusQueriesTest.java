package io.eventline.projection.readmodel.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusQueriesTest {

    private static Map<String, Object> status(String projection, String state, Long lag, Double seconds, long applied,
                                              Long parked) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("projection", projection);
        p.put("applicationId", "eventline-projections-" + projection + "-v1");
        p.put("state", state);
        p.put("lagRecords", lag);
        p.put("lagSeconds", seconds);
        p.put("changesApplied", applied);
        p.put("parkedRecords", parked);
        return p;
    }

    @Test
    void each_instance_counts_its_own_partitions_so_the_figures_add_up_and_the_worst_state_and_lag_show() {
        Map<String, List<Map<String, Object>>> byInstance = new LinkedHashMap<>();
        byInstance.put("a:8082", List.of(status("order-summary", "RUNNING", 3L, 0.0, 100, 0L),
                status("stock-levels", "RUNNING", 0L, 0.0, 7, null)));
        byInstance.put("b:8082", List.of(status("order-summary", "REBALANCING", 5L, 2.5, 40, 2L),
                status("stock-levels", "RUNNING", 1L, null, 3, null)));

        List<Map<String, Object>> merged = StatusQueries.merge(byInstance);

        assertThat(merged).hasSize(2);
        Map<String, Object> orders = merged.get(0);
        assertThat(orders).containsEntry("projection", "order-summary").containsEntry("state", "REBALANCING")
                .containsEntry("lagRecords", 8L).containsEntry("lagSeconds", 2.5).containsEntry("changesApplied", 140L)
                .containsEntry("parkedRecords", 2L);
        assertThat((List<?>) orders.get("instances")).hasSize(2);
        assertThat(((List<Map<String, Object>>) orders.get("instances")).get(1)).containsEntry("instance", "b:8082")
                .containsEntry("state", "REBALANCING").containsEntry("lagRecords", 5L).doesNotContainKey("projection");
        Map<String, Object> stock = merged.get(1);
        assertThat(stock).as("a figure unknown on every instance stays unknown, not 0")
                .containsEntry("parkedRecords", null).containsEntry("lagSeconds", 0.0).containsEntry("lagRecords", 1L)
                .containsEntry("state", "RUNNING");
    }

    @Test
    void an_error_anywhere_is_what_a_projection_shows() {
        assertThat(StatusQueries.leastHealthy("RUNNING", "ERROR")).isEqualTo("ERROR");
        assertThat(StatusQueries.leastHealthy("ERROR", "REBALANCING")).isEqualTo("ERROR");
        assertThat(StatusQueries.leastHealthy("RUNNING", "RUNNING")).isEqualTo("RUNNING");
        assertThat(StatusQueries.leastHealthy("RUNNING", "PENDING_SHUTDOWN")).isEqualTo("PENDING_SHUTDOWN");
    }
}
