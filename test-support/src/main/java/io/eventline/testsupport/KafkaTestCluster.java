package io.eventline.testsupport;

import java.util.HashMap;
import java.util.Map;

/** A running Kafka cluster a test may use; shared by every test of the JVM, so tests use their own topic names. */
public interface KafkaTestCluster {

    String bootstrapServers();

    /** Where the cluster comes from: "embedded" or "testcontainers". */
    String kind();

    /** The minimum client configuration: the bootstrap address. */
    default Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        return config;
    }
}
