package io.eventline.projection.readmodel.query;

import io.eventline.service.http.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import org.apache.kafka.common.utils.Bytes;

/**
 * Paging position: the last key of a page, opaque to clients (base64url). Keys are ordered as the
 * stores order them, by their UTF-8 bytes, so a page gathered from several stores is in store order.
 */
public final class Cursor {

    /** The order of a store's String keys: unsigned lexicographic on their UTF-8 bytes. */
    public static final Comparator<String> KEY_ORDER = Comparator.comparing(
            (String key) -> Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)));

    private Cursor() {}

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("'after' must be a cursor from a previous page's 'next', got '" + cursor + "'");
        }
    }
}
