package io.eventline.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
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
