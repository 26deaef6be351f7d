package io.eventline.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Event ids derived from the command id and the event's index: a replay of a command gives the same ids. */
public final class EventIds {

    /**
     * A digest per thread: {@link UUID#nameUUIDFromBytes} looks one up from the security providers on
     * every call, which showed in the command service's profile. The id is the same name-based
     * (version 3) UUID it gives.
     */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    });

    private EventIds() {}

    public static String of(String commandId, int index) {
        byte[] hash = MD5.get().digest((commandId + "#" + index).getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x30); // version 3
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (hash[i] & 0xff);
            low = (low << 8) | (hash[i + 8] & 0xff);
        }
        return new UUID(high, low).toString();
    }
}
