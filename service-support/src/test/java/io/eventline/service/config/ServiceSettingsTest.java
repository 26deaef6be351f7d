package io.eventline.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {

    @Test
    void the_published_variable_list_is_exactly_what_settings_read_from_the_environment() {
        RecordingEnvironment env = new RecordingEnvironment(Map.of(
                "EVENTLINE_HTTP_PORT", "8083",
                "EVENTLINE_ADVERTISED_HOST", "command-service-2",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL"));

        ServiceSettings settings = ServiceSettings.fromEnvironment(env, "app", 8081);

        assertThat(settings.httpPort()).isEqualTo(8083);
        assertThat(settings.kafkaOverrides()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(env.looked)
                .as("names fromEnvironment looked up, against ServiceSettings.VARIABLES")
                .containsExactlyInAnyOrderElementsOf(ServiceSettings.VARIABLES);
    }

    @Test
    void read_models_commit_less_often_than_what_the_pipeline_waits_on() {
        ServiceSettings defaults = ServiceSettings.fromEnvironment(Map.of(), "app", 8081);
        assertThat(defaults.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(defaults.readModelCommitInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.streamsProperties()).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L);

        ServiceSettings set = ServiceSettings.fromEnvironment(
                Map.of("EVENTLINE_COMMIT_INTERVAL", "50", "EVENTLINE_READ_MODEL_COMMIT_INTERVAL", "PT2S"), "app", 8081);
        assertThat(set.commitInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(set.readModelCommitInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void a_commit_interval_of_zero_is_refused_with_the_variable_named() {
        assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Map.of("EVENTLINE_READ_MODEL_COMMIT_INTERVAL", "0"), "app", 8081))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EVENTLINE_READ_MODEL_COMMIT_INTERVAL");
    }

    /** An environment that remembers every name asked for (the KAFKA_* passthrough iterates instead). */
    private static final class RecordingEnvironment extends AbstractMap<String, String> {
        final Set<String> looked = new LinkedHashSet<>();
        private final Map<String, String> values;

        RecordingEnvironment(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public String get(Object key) {
            looked.add((String) key);
            return values.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            looked.add((String) key);
            return values.containsKey(key);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return values.entrySet();
        }
    }
}
