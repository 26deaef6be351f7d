package io.eventline.schemas.registry;

import io.eventline.schemas.Contracts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * A second process for {@link ConcurrentRegistrationTest}: opens the topic registry, waits for a
 * shared start time, registers {@link #registrations()} in an order of its own, and prints each id
 * as {@code ID <subject> <schema fingerprint> <id>}.
 */
public final class RegisterSchemasConcurrently {

    /** Schemas registered beyond the contracts, each under a subject of its own. */
    static final int DISTINCT_EXTRA_SCHEMAS = 6;

    /** Contracts under topic subjects, the same schema under several subjects, and a subject with two versions. */
    static List<Map.Entry<String, Schema>> registrations() {
        List<Map.Entry<String, Schema>> registrations = new ArrayList<>();
        for (Class<?> type : Contracts.ALL) {
            Schema schema = SpecificData.get().getSchema(type);
            registrations.add(Map.entry("t." + schema.getName() + "-value", schema));
            registrations.add(Map.entry("u." + schema.getName() + "-value", schema));
        }
        for (int n = 0; n < DISTINCT_EXTRA_SCHEMAS; n++) {
            registrations.add(Map.entry("things-" + n + "-value", new Schema.Parser().parse(
                    "{\"type\":\"record\",\"name\":\"Thing" + n + "\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}")));
        }
        return registrations;
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args[0];
        String topic = args[1];
        long seed = Long.parseLong(args[2]);
        long startAtMillis = Long.parseLong(args[3]);
        List<Map.Entry<String, Schema>> order = new ArrayList<>(registrations());
        Collections.shuffle(order, new Random(seed));
        try (var registry = KafkaTopicSchemaRegistry.open(KafkaTopicRegistrySettings.of(bootstrap).withTopic(topic)
                .withTimeout(Duration.ofSeconds(90)))) {
            Thread.sleep(Math.max(0, startAtMillis - System.currentTimeMillis()));
            for (Map.Entry<String, Schema> registration : order) {
                int id = registry.register(registration.getKey(), registration.getValue());
                System.out.println("ID " + registration.getKey() + " " + SchemaIdentity.fingerprint(registration.getValue()) + " " + id);
            }
        }
        System.out.println("DONE");
        System.exit(0);
    }
}
