package io.eventline.service.http;

import java.util.regex.Pattern;

/**
 * What an id may be, wherever one arrives over HTTP (a path, a body, a payload): ids travel in
 * URLs, record keys, headers and logs, so they are printable, slash-free and bounded.
 */
public final class Ids {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._:@+-]{1,128}");

    private Ids() {}

    /** The value when it is an id; a 400 problem naming {@code what} otherwise. */
    public static String require(String what, String value) {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw Problem.badRequest(what + " must be 1 to 128 characters of letters, digits and ._:@+- (got "
                    + (value == null ? "nothing" : "'" + (value.length() > 140 ? value.substring(0, 140) + "…" : value) + "'") + ")");
        }
        return value;
    }
}
