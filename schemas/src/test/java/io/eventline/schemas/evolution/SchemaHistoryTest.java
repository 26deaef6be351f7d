package io.eventline.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.schemas.avro.order.OrderEventEnvelope;
import io.eventline.schemas.avro.order.OrderPlaced;
import io.eventline.schemas.registry.BackwardCompatibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaHistoryTest {
    private static final Path HISTORY = Path.of("src/main/resources", SchemaHistory.ROOT);

    @Test
    void every_released_version_reads_data_of_every_earlier_one_with_avro_or_through_an_upcaster() {
        List<String> bridgedByUpcasters = new ArrayList<>();
        for (Schema current : ReleaseSchemaVersions.versionedSchemas()) {
            List<Schema> versions = SchemaHistory.versions(current.getFullName());
            for (int newer = 1; newer < versions.size(); newer++) {
                for (int older = 0; older < newer; older++) {
                    String pair = current.getName() + " v" + (older + 1) + " -> v" + (newer + 1);
                    if (BackwardCompatibility.problems(versions.get(newer), versions.get(older)).isEmpty()) {
                        continue;
                    }
                    UpcastPlan plan = UpcasterChain.defaults().planFor(versions.get(older));
                    assertThat(plan.changesAnything()).as("%s breaks BACKWARD compatibility and no upcaster reads it", pair).isTrue();
                    assertThat(BackwardCompatibility.problems(versions.get(newer), plan.resultSchema()))
                            .as("%s even after upcasting", pair).isEmpty();
                    bridgedByUpcasters.add(pair);
                }
            }
        }
        // The one deliberate break, so that a second one is a decision and not an accident.
        // (v3 added onBehalfOf, a compatible change: v1 -> v3 is the same price break, bridged by the same upcaster.)
        assertThat(bridgedByUpcasters).containsExactlyInAnyOrder("OrderEventEnvelope v1 -> v2", "OrderEventEnvelope v1 -> v3",
                "OrderPlaced v1 -> v2");
    }

    @Test
    void order_placed_v1_to_v2_is_a_break_avro_cannot_resolve_a_string_price_into_minor_units() {
        Schema v1 = SchemaHistory.version(OrderPlaced.class.getName(), 1);
        Schema v2 = SchemaHistory.version(OrderPlaced.class.getName(), 2);

        assertThat(BackwardCompatibility.problems(v2, v1)).singleElement().asString()
                .startsWith("at lines[].unitPrice: TYPE_MISMATCH");
    }

    @Test
    void the_newest_released_version_is_the_schema_in_src_main_avro() {
        for (Schema current : ReleaseSchemaVersions.versionedSchemas()) {
            List<Schema> versions = SchemaHistory.versions(current.getFullName());
            assertThat(versions).as("%s has no released version", current.getFullName()).isNotEmpty();
            assertThat(versions.getLast().toString())
                    .as("%s changed without a new released version: run ReleaseSchemaVersions and commit the new file",
                            current.getFullName())
                    .isEqualTo(current.toString());
        }
    }

    @Test
    void the_history_holds_the_versioned_types_and_numbers_their_files_without_gaps() throws IOException {
        List<String> types;
        try (Stream<Path> dirs = Files.list(HISTORY)) {
            types = dirs.map(d -> d.getFileName().toString()).toList();
        }
        assertThat(types).containsExactlyInAnyOrderElementsOf(
                ReleaseSchemaVersions.versionedSchemas().stream().map(Schema::getFullName).toList());
        for (String type : types) {
            try (Stream<Path> files = Files.list(HISTORY.resolve(type))) {
                assertThat(files.map(f -> f.getFileName().toString()).sorted())
                        .as(type).hasSize(SchemaHistory.versions(type).size())
                        .allMatch(name -> name.matches("v\\d+\\.avsc"));
            }
        }
        assertThat(SchemaHistory.versions(OrderEventEnvelope.class.getName())).hasSize(3);
    }
}
