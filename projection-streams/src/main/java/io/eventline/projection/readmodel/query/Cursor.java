package io.eventline.projection.readmodel.query;

import io.eventline.service.http.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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

    /** Keys are ids (at most 128 characters) or composed of a few: anything longer is no key of ours. */
    static final int MAX_KEY_BYTES = 1_024;

    private Cursor() {}

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key a cursor names. Only what {@link #encode} can have made is one: base64url of a key's
     * UTF-8 bytes, not empty, no longer than the longest key. Anything else is a 400, never a scan from
     * wherever the garbage happens to sort.
     */
    public static String decode(String cursor) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            if (bytes.length == 0 || bytes.length > MAX_KEY_BYTES) {
                throw new IllegalArgumentException("a key of " + bytes.length + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw Problem.badRequest("'after' must be a cursor from a previous page's 'next', got '"
                    + (cursor.length() > 200 ? cursor.substring(0, 200) + "…" : cursor) + "'");
        }
    }
}
