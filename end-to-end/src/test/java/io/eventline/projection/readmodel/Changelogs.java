package io.eventline.projection.readmodel;

import io.eventline.contracts.CommittedRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;

/** A store as its changelog topic tells it, read from outside the application: the last value per key. */
final class Changelogs {

    private Changelogs() {}

    static String topic(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    static <V> Map<String, V> latest(Map<String, Object> clientConfig, String topic, Deserializer<V> values) {
        Map<String, V> latest = new TreeMap<>();
        CommittedRecords.readToEnd(clientConfig, topic, Duration.ofSeconds(30)).forEach(r -> {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                latest.remove(key);
            } else {
                latest.put(key, values.deserialize(topic, r.value()));
            }
        });
        return latest;
    }
}
