package io.eventline.service.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void a_service_without_a_token_starts_only_when_told_it_runs_without_credentials_on_purpose() {
        assertThatThrownBy(() -> Credentials.requireTokenOrInsecure(Map.of(), settings(Map.of()), "command-service"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("command-service will not start without credentials")
                .hasMessageContaining("EVENTLINE_HTTP_TOKEN").hasMessageContaining("EVENTLINE_INSECURE=true");
        assertThatThrownBy(() -> Credentials.requireTokenOrInsecure(Map.of("EVENTLINE_INSECURE", "false"), settings(Map.of()), "x"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Credentials.requireTokenOrInsecure(Map.of("EVENTLINE_INSECURE", "yes"), settings(Map.of()), "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("true or false");

        assertThatCode(() -> Credentials.requireTokenOrInsecure(Map.of("EVENTLINE_INSECURE", "true"), settings(Map.of()), "x"))
                .doesNotThrowAnyException();
        Map<String, String> withToken = Map.of("EVENTLINE_HTTP_TOKEN", "s3cret");
        assertThatCode(() -> Credentials.requireTokenOrInsecure(withToken, settings(withToken), "x")).doesNotThrowAnyException();
    }

    private static ServiceSettings settings(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("EVENTLINE_BOOTSTRAP_SERVERS", "localhost:9092"));
        env.putAll(more);
        return ServiceSettings.fromEnvironment(env, "credentials-test", 0);
    }
}
