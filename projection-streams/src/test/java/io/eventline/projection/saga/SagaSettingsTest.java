package io.eventline.projection.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SagaSettingsTest {

    @Test
    void the_deadline_is_thirty_seconds_unless_the_environment_says_otherwise() {
        assertThat(SagaSettings.fromEnvironment(Map.of()).deadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(SagaSettings.fromEnvironment(Map.of("EVENTLINE_SAGA_DEADLINE", "PT2M")).deadline()).isEqualTo(Duration.ofMinutes(2));
        assertThat(SagaSettings.fromEnvironment(Map.of("EVENTLINE_SAGA_DEADLINE", "1500")).deadline()).isEqualTo(Duration.ofMillis(1500));
        assertThat(SagaSettings.fromEnvironment(Map.of()).scanInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a_malformed_or_non_positive_deadline_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> SagaSettings.fromEnvironment(Map.of("EVENTLINE_SAGA_DEADLINE", "soon")))
                .hasMessageContaining("EVENTLINE_SAGA_DEADLINE");
        assertThatThrownBy(() -> SagaSettings.fromEnvironment(Map.of("EVENTLINE_SAGA_DEADLINE", "0")))
                .hasMessageContaining("EVENTLINE_SAGA_DEADLINE");
    }
}
