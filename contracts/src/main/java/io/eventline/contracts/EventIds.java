package io.eventline.contracts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Event ids derived from the command id and the event's index: a replay of a command gives the same ids. */
public final class EventIds {

    private EventIds() {}

    public static String of(String commandId, int index) {
        return UUID.nameUUIDFromBytes((commandId + "#" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
