package io.eventline.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestTest {

    @Test
    void a_decision_is_recorded_as_the_authenticated_principal_whatever_the_body_says() {
        Request request = post("{\"by\":\"mallory\"}", Optional.of(new Principal("ops", Set.of(Scope.ADMIN))));
        assertThat(request.decidedBy(request.jsonBodyIfAny(), "operator")).isEqualTo("ops");
    }

    @Test
    void without_credentials_the_body_names_who_decided_or_the_fallback_does() {
        Request named = post("{\"by\":\"alice\"}", Optional.empty());
        assertThat(named.decidedBy(named.jsonBodyIfAny(), "operator")).isEqualTo("alice");
        Request empty = post("", Optional.empty());
        assertThat(empty.jsonBodyIfAny()).isNull();
        assertThat(empty.decidedBy(empty.jsonBodyIfAny(), "operator")).isEqualTo("operator");
    }

    @Test
    void a_by_that_is_not_a_short_non_blank_string_is_a_bad_request() {
        for (String body : new String[] {"{\"by\":\" \"}", "{\"by\":42}", "{\"by\":\"" + "x".repeat(201) + "\"}"}) {
            Request request = post(body, Optional.empty());
            assertThatThrownBy(() -> request.decidedBy(request.jsonBodyIfAny(), "operator"))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(400))
                    .hasMessageContaining("'by'");
        }
    }

    private static Request post(String body, Optional<Principal> principal) {
        return new Request("POST", "/x", Map.of(), Map.of(), Map.of(), body.getBytes(StandardCharsets.UTF_8), new Json(), principal);
    }
}
