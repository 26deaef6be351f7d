package io.eventline.contracts.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.StoredAggregate;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import io.eventline.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

class AggregatesTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void there_is_one_aggregate_type_per_topic_segment_in_the_same_order() {
        assertThat(Aggregates.all(registry)).extracting(AggregateType::name).containsExactlyElementsOf(Topics.AGGREGATES);
    }

    @Test
    void every_aggregate_types_initial_state_survives_its_own_snapshot() {
        for (AggregateType<?, ?, ?> type : Aggregates.all(registry)) {
            assertInitialStateSurvives(type);
        }
    }

    private static <S> void assertInitialStateSurvives(AggregateType<?, S, ?> type) {
        String subject = "command-service-" + type.name() + "-aggregates-changelog";
        StoredAggregate<S> initial = type.initial();

        assertThat(type.codec().decodeState(subject, "id-1", type.codec().encodeState(subject, initial)))
                .as(type.name()).isEqualTo(initial);
    }
}
