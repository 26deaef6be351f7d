package io.eventline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.schemas.avro.common.EventKey;
import io.eventline.schemas.avro.order.OrderEventEnvelope;
import io.eventline.kafka.embedded.ChildJvm;
import java.time.Duration;
import java.util.Arrays;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

class AvroTrustTest {

    @Test
    void trusts_the_eventline_packages_through_the_system_property_and_keeps_what_was_there() {
        AvroTrust.ensure();
        AvroTrust.ensure();

        assertThat(Arrays.stream(System.getProperty(AvroTrust.PROPERTY).split(","))).containsOnlyOnce("io.eventline");
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(OrderEventEnvelope.class)).isTrue();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(EventKey.class)).isTrue();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(java.net.URL.class)).as("nothing else is trusted").isFalse();
    }

    @Test
    void without_it_avro_refuses_to_build_generated_classes_in_a_fresh_jvm() {
        try (ChildJvm jvm = ChildJvm.start(DecodeInFreshJvm.class, "untrusted")) {
            assertThat(jvm.waitFor(Duration.ofMinutes(1))).as(jvm.output()).isEqualTo(3);
            assertThat(jvm.output()).contains("FORBIDDEN", "OrderEventEnvelope", "not trusted");
        }
    }

    @Test
    void with_it_avro_decodes_generated_classes_in_a_fresh_jvm() {
        try (ChildJvm jvm = ChildJvm.start(DecodeInFreshJvm.class, "trusted")) {
            assertThat(jvm.waitFor(Duration.ofMinutes(1))).as(jvm.output()).isZero();
            assertThat(jvm.output()).contains("DECODED OrderConfirmed");
        }
    }

    @Test
    void it_still_works_when_avro_had_read_its_property_before() {
        try (ChildJvm jvm = ChildJvm.start(DecodeInFreshJvm.class, "late")) {
            assertThat(jvm.waitFor(Duration.ofMinutes(1))).as(jvm.output()).isZero();
            assertThat(jvm.output()).contains("DECODED OrderConfirmed");
        }
    }
}
