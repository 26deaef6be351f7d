package io.eventline.service.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Secrets from files, as container platforms mount them: for any {@code EVENTLINE_*} or
 * {@code KAFKA_*} variable, {@code <NAME>_FILE} names a file whose content (without a final line
 * break) is the value of {@code <NAME>}: {@code EVENTLINE_HTTP_TOKEN_FILE=/run/secrets/http-token},
 * {@code KAFKA_SASL_JAAS_CONFIG_FILE=/run/secrets/jaas}. The secret then never appears in the
 * process environment, the container spec or a {@code ps} listing.
 */
public final class SecretFiles {

    static final String SUFFIX = "_FILE";

    private SecretFiles() {}

    /**
     * The environment with every {@code <NAME>_FILE} replaced by {@code <NAME>} and the file's content.
     *
     * @throws IllegalArgumentException when both are set, or the file cannot be read (the message
     *                                  names the variable and the path, never any content)
     */
    public static Map<String, String> resolve(Map<String, String> environment) {
        if (environment.keySet().stream().noneMatch(SecretFiles::namesAFile)) {
            return environment; // nothing to read: the environment as it is
        }
        Map<String, String> resolved = new HashMap<>(environment);
        environment.forEach((name, path) -> {
            if (!namesAFile(name)) {
                return;
            }
            String target = name.substring(0, name.length() - SUFFIX.length());
            if (environment.containsKey(target)) {
                throw new IllegalArgumentException("both " + target + " and " + name + " are set: set one");
            }
            resolved.remove(name);
            resolved.put(target, read(name, path));
        });
        return resolved;
    }

    private static boolean namesAFile(String name) {
        return name.endsWith(SUFFIX) && (name.startsWith("EVENTLINE_") || name.startsWith(KafkaEnvironment.PREFIX));
    }

    private static String read(String variable, String path) {
        try {
            String content = Files.readString(Path.of(path.trim()), StandardCharsets.UTF_8);
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(variable + " names '" + path + "', which cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }
}
