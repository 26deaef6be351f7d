package io.eventline.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path dir;

    @Test
    void a_variable_ending_in_FILE_gives_the_variable_the_files_content_without_its_line_break() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cret-token\n");
        Path jaas = Files.writeString(dir.resolve("jaas"), "org.apache.kafka.common.security.scram.ScramLoginModule required;");

        ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of(
                "EVENTLINE_HTTP_TOKEN_FILE", token.toString(),
                "KAFKA_SASL_JAAS_CONFIG_FILE", jaas.toString()), "app", 8081);

        assertThat(settings.bearerToken()).contains("s3cret-token");
        assertThat(settings.clientConfig()).containsEntry("sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;").doesNotContainKey("sasl.jaas.config.file");
    }

    @Test
    void refuses_a_secret_given_twice_or_a_file_it_cannot_read_without_showing_any_content() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cret-token");

        assertThatThrownBy(() -> SecretFiles.resolve(Map.of("EVENTLINE_HTTP_TOKEN", "x", "EVENTLINE_HTTP_TOKEN_FILE", token.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("both EVENTLINE_HTTP_TOKEN and EVENTLINE_HTTP_TOKEN_FILE are set: set one");
        assertThatThrownBy(() -> SecretFiles.resolve(Map.of("EVENTLINE_HTTP_TOKEN_FILE", dir.resolve("missing").toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("EVENTLINE_HTTP_TOKEN_FILE names '")
                .hasMessageNotContaining("s3cret");
        assertThat(SecretFiles.resolve(Map.of("PATH_FILE", "/nowhere", "HOME", "/home/x")))
                .as("only the service's own variables").containsEntry("PATH_FILE", "/nowhere");
    }
}
