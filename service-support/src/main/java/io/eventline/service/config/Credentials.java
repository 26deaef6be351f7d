package io.eventline.service.config;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service started for real has credentials, or says in its configuration that it runs without
 * them on purpose ({@code EVENTLINE_INSECURE=true}): forgetting the token must not be how a service
 * ends up open to anyone who reaches its port.
 */
public final class Credentials {

    public static final String INSECURE_VARIABLE = "EVENTLINE_INSECURE";

    private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);

    private Credentials() {}

    /**
     * Returns when {@code settings} has a bearer token, or {@code env} sets {@code EVENTLINE_INSECURE=true}
     * (then with a WARN line); otherwise throws, naming both ways out.
     */
    public static void requireTokenOrInsecure(Map<String, String> env, ServiceSettings settings, String service) {
        if (settings.authenticator().required()) {
            return;
        }
        String insecure = env.getOrDefault(INSECURE_VARIABLE, "").trim();
        if (insecure.equalsIgnoreCase("true")) {
            LOG.warn("{} runs without credentials ({}=true): whoever reaches {}:{} can send commands and read everything",
                    service, INSECURE_VARIABLE, settings.httpHost(), settings.httpPort());
            return;
        }
        if (!insecure.isEmpty() && !insecure.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(INSECURE_VARIABLE + " must be true or false, not '" + insecure + "'");
        }
        throw new IllegalStateException(service + " will not start without credentials: set EVENTLINE_HTTP_TOKENS (a table"
                + " of principals, scopes and token hashes) or EVENTLINE_HTTP_TOKEN (every route but /health/* then needs"
                + " 'Authorization: Bearer <token>'), or " + INSECURE_VARIABLE
                + "=true to run without on purpose, on a network only trusted clients reach");
    }
}
