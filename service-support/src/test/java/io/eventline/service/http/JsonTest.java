package io.eventline.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Line(String sku, int quantity, long unitPrice) {}

    record Order(String customerId, List<Line> lines) {}

    private final Json json = new Json();

    @Test
    void binds_values_of_the_right_json_types() {
        assertThat(bind("{\"sku\":\"S-1\",\"quantity\":2,\"unitPrice\":1250}")).isEqualTo(new Line("S-1", 2, 1250));
    }

    @Test
    void refuses_to_coerce_between_json_types_instead_of_guessing() {
        for (String wrong : List.of(
                "{\"sku\":\"S-1\",\"quantity\":2,\"unitPrice\":12.5}",   // a fraction of a minor unit, once silently 12
                "{\"sku\":\"S-1\",\"quantity\":2.0,\"unitPrice\":1}",
                "{\"sku\":\"S-1\",\"quantity\":\"2\",\"unitPrice\":1}",
                "{\"sku\":\"S-1\",\"quantity\":\"\",\"unitPrice\":1}",
                "{\"sku\":\"S-1\",\"quantity\":true,\"unitPrice\":1}",
                "{\"sku\":5,\"quantity\":2,\"unitPrice\":1}",
                "{\"sku\":1.5,\"quantity\":2,\"unitPrice\":1}",
                "{\"sku\":false,\"quantity\":2,\"unitPrice\":1}")) {
            assertThatThrownBy(() -> bind(wrong)).as(wrong).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.status()).isEqualTo(400));
        }
    }

    @Test
    void every_field_required_refuses_a_missing_or_null_field_at_any_depth() {
        Order ok = json.bindEveryFieldRequired(json.parseObject(
                "{\"customerId\":\"c\",\"lines\":[{\"sku\":\"S\",\"quantity\":1,\"unitPrice\":1}]}".getBytes()), Order.class);
        assertThat(ok.lines()).hasSize(1);
        for (String incomplete : List.of("{\"lines\":[]}", "{\"customerId\":null,\"lines\":[]}",
                "{\"customerId\":\"c\",\"lines\":[{\"sku\":\"S\",\"quantity\":1}]}")) {
            assertThatThrownBy(() -> json.bindEveryFieldRequired(json.parseObject(incomplete.getBytes()), Order.class))
                    .as(incomplete).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(400));
        }
        assertThat(json.bind(json.parseObject("{\"lines\":[]}".getBytes()), Order.class).customerId())
                .as("plain bind leaves optional fields optional").isNull();
    }

    private Line bind(String body) {
        return json.bind(json.parseObject(body.getBytes()), Line.class);
    }
}
