package io.eventline.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class PipelineAclsTest {

    private final Topics topics = Topics.defaults();

    @Test
    void a_command_producer_may_write_only_the_command_topics_each_named_literally() {
        List<AclBinding> acls = PipelineAcls.forUser("desk").commandProducer(topics).bindings();

        assertThat(acls).allSatisfy(acl -> {
            assertThat(acl.pattern().patternType()).isEqualTo(PatternType.LITERAL);
            assertThat(acl.entry().principal()).isEqualTo("User:desk");
        });
        assertThat(names(acls, AclOperation.WRITE)).containsExactlyInAnyOrder(
                "shop.order.commands", "shop.inventory.commands", "shop.account.commands", "shop.shipment.commands");
        assertThat(names(acls, AclOperation.READ)).containsExactly("shop.command-results");
    }

    @Test
    void a_streams_application_owns_prefixes_only_under_its_own_id_and_a_dash() {
        List<AclBinding> acls = PipelineAcls.forUser("cs").commandService(topics, "cs-app").bindings();

        assertThat(acls).filteredOn(acl -> acl.pattern().patternType() == PatternType.PREFIXED)
                .extracting(acl -> acl.pattern().name()).containsOnly("cs-app-");
        assertThat(acls).filteredOn(acl -> acl.pattern().resourceType() == ResourceType.GROUP)
                .singleElement().satisfies(group -> {
                    assertThat(group.pattern().name()).isEqualTo("cs-app");
                    assertThat(group.pattern().patternType()).isEqualTo(PatternType.LITERAL);
                });
        assertThat(names(acls, AclOperation.WRITE)).contains("shop.order.events", "shop.order.commands.dlq", "shop.command-results");
        assertThat(names(acls, AclOperation.READ)).as("dead letters are for operators").noneMatch(name -> name.endsWith(".dlq"));
    }

    @Test
    void the_projection_service_reads_events_and_dead_letters_and_writes_commands_but_never_events() {
        List<AclBinding> acls = PipelineAcls.forUser("ps").projectionService(topics, "ps-app").bindings();

        assertThat(names(acls, AclOperation.WRITE)).noneMatch(name -> name.endsWith(".events"))
                .contains("shop.order.commands", "ps-app-");
        assertThat(names(acls, AclOperation.READ)).contains("shop.order.events", "shop.command-results", "ps-app-")
                .as("its console lists the dead letters").contains("shop.order.commands.dlq")
                .noneMatch(name -> name.endsWith(".commands"));
        assertThat(names(acls, AclOperation.WRITE)).as("dead letters are written by the command service alone")
                .noneMatch(name -> name.endsWith(".dlq"));
        assertThat(names(acls, AclOperation.DELETE)).containsExactly("ps-app-");
    }

    private static List<String> names(List<AclBinding> acls, AclOperation operation) {
        return acls.stream().filter(acl -> acl.entry().operation() == operation).map(acl -> acl.pattern().name()).toList();
    }
}
