package io.eventline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.kafka.embedded.ChildJvm;
import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class ConcurrentRegistrationTest {

    @Test
    void two_processes_registering_the_same_schemas_in_different_orders_at_once_agree_on_every_id(KafkaTestCluster kafka) {
        String topic = "_schemas-race-" + UUID.randomUUID();
        String startAt = Long.toString(System.currentTimeMillis() + 6_000); // after both JVMs have started
        try (ChildJvm first = ChildJvm.start(RegisterSchemasConcurrently.class, kafka.bootstrapServers(), topic, "1", startAt);
             ChildJvm second = ChildJvm.start(RegisterSchemasConcurrently.class, kafka.bootstrapServers(), topic, "2", startAt)) {
            assertThat(first.waitFor(Duration.ofMinutes(3))).as(first.output()).isZero();
            assertThat(second.waitFor(Duration.ofMinutes(3))).as(second.output()).isZero();

            Map<String, Integer> firstIds = ids(first.output());
            Map<String, Integer> secondIds = ids(second.output());
            assertThat(firstIds).hasSize(RegisterSchemasConcurrently.registrations().size());
            assertThat(secondIds).isEqualTo(firstIds);

            // A third reader, arriving afterwards, reads the same ids from the topic.
            try (var late = KafkaTopicSchemaRegistry.open(KafkaTopicRegistrySettings.of(kafka.bootstrapServers()).withTopic(topic))) {
                RegisterSchemasConcurrently.registrations().forEach(r -> assertThat(late.register(r.getKey(), r.getValue()))
                        .isEqualTo(firstIds.get(r.getKey() + " " + SchemaIdentity.fingerprint(r.getValue()))));
            }
            // The same schema under two subjects has one id; different schemas have different ids.
            assertThat(firstIds.values().stream().distinct().count())
                    .isEqualTo(io.eventline.schemas.Contracts.ALL.size() + RegisterSchemasConcurrently.DISTINCT_EXTRA_SCHEMAS);
        }
    }

    private static Map<String, Integer> ids(String output) {
        Map<String, Integer> ids = new TreeMap<>();
        output.lines().filter(line -> line.startsWith("ID ")).map(line -> line.split(" "))
                .forEach(parts -> ids.put(parts[1] + " " + parts[2], Integer.parseInt(parts[3])));
        return ids;
    }
}
