package io.eventline.projection.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.projection.module.ProjectionModule;
import io.eventline.projection.app.ProjectionModules;
import io.eventline.projection.readmodel.customer.CustomerStatsModule;
import io.eventline.projection.readmodel.sales.DailySalesModule;
import io.eventline.service.app.TaskIdling;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every read model's topology promises beyond its logic: fixed names, and a place in the service. */
class ReadModelTopologiesTest {

    @TempDir
    Path stateDir;

    @Test
    void every_read_model_names_its_operators_stores_and_repartition_topics_itself() {
        for (ProjectionModule module : ProjectionModules.all()) {
            if (!(module instanceof ReadModelModule readModel)) {
                continue;
            }
            try (ReadModelDriver driver = new ReadModelDriver(readModel, stateDir.resolve(module.name()))) {
                TopologyDescription description = readModel.topology(driver.context, new ProjectionProgress()).describe();
                assertThat(description.toString()).as(module.name()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
                List<String> stores = description.subtopologies().stream()
                        .flatMap(s -> s.nodes().stream())
                        .filter(n -> n instanceof TopologyDescription.Processor)
                        .flatMap(n -> ((TopologyDescription.Processor) n).stores().stream())
                        .distinct().toList();
                assertThat(stores).as(module.name()).containsExactlyInAnyOrderElementsOf(readModel.storeNames());
            }
        }
    }

    @Test
    void every_read_model_task_reads_one_partition_so_they_run_without_task_idling() {
        int readModels = 0;
        for (ProjectionModule module : ProjectionModules.all()) {
            if (!(module instanceof ReadModelModule readModel)) {
                continue;
            }
            readModels++;
            try (ReadModelDriver driver = new ReadModelDriver(readModel, stateDir.resolve("idling-" + module.name()))) {
                assertThat(TaskIdling.defaultsFor(readModel.topology(driver.context, new ProjectionProgress())))
                        .as(module.name()).isEqualTo(TaskIdling.OFF);
            }
        }
        assertThat(readModels).isGreaterThanOrEqualTo(5);
    }

    @Test
    void the_read_models_that_key_by_customer_or_day_repartition_through_named_topics() {
        assertThat(repartitionTopics(new CustomerStatsModule())).containsExactly("customer-stats-by-customer-repartition");
        assertThat(repartitionTopics(new DailySalesModule())).containsExactly("daily-sales-by-day-repartition");
    }

    @Test
    void the_service_runs_all_five_read_models() {
        assertThat(ProjectionModules.all()).extracting(ProjectionModule::name)
                .contains("order-summary", "customer-stats", "daily-sales", "stock-levels", "account-balances");
    }

    private List<String> repartitionTopics(ReadModelModule module) {
        try (ReadModelDriver driver = new ReadModelDriver(module, stateDir.resolve("repartition-" + module.name()))) {
            return module.topology(driver.context, new ProjectionProgress()).describe().subtopologies().stream()
                    .flatMap(s -> s.nodes().stream())
                    .filter(n -> n instanceof TopologyDescription.Sink)
                    .map(n -> ((TopologyDescription.Sink) n).topic())
                    .toList();
        }
    }
}
