package io.eventline.service.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Any Kafka client property, from the environment: {@code KAFKA_SASL_JAAS_CONFIG} becomes
 * {@code sasl.jaas.config}, {@code KAFKA_SECURITY_PROTOCOL} becomes {@code security.protocol}
 * (the convention of Kafka's own container images). A single underscore is a dot; a double
 * underscore is a literal underscore; a triple one a dash.
 */
public final class KafkaEnvironment {

    public static final String PREFIX = "KAFKA_";

    private KafkaEnvironment() {}

    public static Map<String, String> clientProperties(Map<String, String> environment) {
        Map<String, String> properties = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                properties.put(propertyName(name.substring(PREFIX.length())), value);
            }
        });
        return properties;
    }

    static String propertyName(String variable) {
        return variable.toLowerCase(Locale.ROOT)
                .replace("___", "-")
                .replace("__", "\u0000")
                .replace('_', '.')
                .replace('\u0000', '_');
    }
}
