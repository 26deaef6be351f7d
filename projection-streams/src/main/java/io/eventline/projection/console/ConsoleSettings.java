package io.eventline.projection.console;

import java.net.URI;
import java.util.Map;

/**
 * The operator console's own setting, read once from the environment.
 *
 * @param commandService where a command service answers (EVENTLINE_COMMAND_SERVICE_URL, default
 *                       {@value #DEFAULT_URL}): the console shows aggregates, sends commands and reads
 *                       command metrics through it, since the browser talks to this service alone
 */
public record ConsoleSettings(URI commandService) {

    public static final String URL_VARIABLE = "EVENTLINE_COMMAND_SERVICE_URL";
    /** Where {@code eventline command-service} listens by default, on the same machine. */
    public static final String DEFAULT_URL = "http://localhost:8081";

    public ConsoleSettings {
        String scheme = commandService.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || commandService.getHost() == null
                || (commandService.getRawPath() != null && !commandService.getRawPath().isEmpty() && !commandService.getRawPath().equals("/"))
                || commandService.getRawQuery() != null) {
            throw new IllegalArgumentException(URL_VARIABLE + " must be http(s)://host[:port] with no path, got '" + commandService + "'");
        }
    }

    public static ConsoleSettings defaults() {
        return of(DEFAULT_URL);
    }

    public static ConsoleSettings fromEnvironment(Map<String, String> env) {
        String value = env.get(URL_VARIABLE);
        return value == null || value.isBlank() ? defaults() : of(value.trim());
    }

    public static ConsoleSettings of(String url) {
        try {
            return new ConsoleSettings(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URL_VARIABLE + " must be http(s)://host[:port] with no path, got '" + url + "'", e);
        }
    }

    /** A command service on this machine at {@code port}, as the demo runs one beside the projection service. */
    public static ConsoleSettings local(String scheme, String httpHost, int port) {
        boolean wildcard = httpHost.equals("0.0.0.0") || httpHost.equals("::") || httpHost.equals("[::]");
        return of(scheme + "://" + (wildcard ? "localhost" : httpHost) + ":" + port);
    }
}
