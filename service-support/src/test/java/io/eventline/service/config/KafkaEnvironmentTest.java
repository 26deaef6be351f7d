package io.eventline.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaEnvironmentTest {

    @Test
    void turns_kafka_variables_into_client_properties_and_ignores_the_rest() {
        Map<String, String> properties = KafkaEnvironment.clientProperties(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "KAFKA_SOME__ODD___NAME", "x",
                "PATH", "/bin",
                "KAFKA_", "nothing"));

        assertThat(properties).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "some_odd-name", "x"));
    }
}
