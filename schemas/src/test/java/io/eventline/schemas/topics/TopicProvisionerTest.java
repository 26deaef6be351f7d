package io.eventline.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventline.testsupport.KafkaExtension;
import io.eventline.testsupport.KafkaTestCluster;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class TopicProvisionerTest {

    @Test
    void creates_every_topic_of_the_pipeline_once_with_its_settings(KafkaTestCluster kafka) throws Exception {
        Topics topics = Topics.defaults().withPrefix("provisioned");
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            List<String> created = new TopicProvisioner(admin).provision(topics.all());
            assertThat(created).hasSize(14).contains("provisioned.order.commands", "provisioned.order.events",
                    "provisioned.shipment.commands.dlq", "provisioned.command-results", "provisioned.projection-parking-decisions");

            assertThat(new TopicProvisioner(admin).provision(topics.all())).as("second run").isEmpty();

            var events = new ConfigResource(ConfigResource.Type.TOPIC, "provisioned.inventory.events");
            var config = admin.describeConfigs(List.of(events)).all().get().get(events);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(admin.describeTopics(List.of("provisioned.account.commands")).allTopicNames().get()
                    .get("provisioned.account.commands").partitions()).hasSize(6);
        }
    }

    @Test
    void reports_a_topic_that_exists_with_the_wrong_settings_instead_of_using_it(KafkaTestCluster kafka) throws Exception {
        Topics topics = Topics.defaults().withPrefix("mismatched");
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            admin.createTopics(List.of(
                    new NewTopic("mismatched.order.events", 3, (short) 1).configs(Map.of("cleanup.policy", "delete")))).all().get();

            assertThatThrownBy(() -> new TopicProvisioner(admin).provision(topics.all()))
                    .isInstanceOf(TopicMismatchException.class)
                    .hasMessageContaining("mismatched.order.events: has 3 partitions, expected 6")
                    .hasMessageContaining("mismatched.order.events: cleanup.policy is delete, expected compact");
        }
    }

    @Test
    void refuses_an_unknown_aggregate_and_a_malformed_prefix() {
        assertThatThrownBy(() -> Topics.defaults().events("invoice")).hasMessageContaining("unknown aggregate type: invoice");
        assertThatThrownBy(() -> Topics.defaults().withPrefix("bad prefix")).hasMessageContaining("topic prefix");
    }
}
