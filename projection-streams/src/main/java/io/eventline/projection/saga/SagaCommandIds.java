package io.eventline.projection.saga;

import io.eventline.domain.fulfilment.CommandKind;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The ids of the commands the saga sends, {@code order-fulfilment/<KIND>/<uuid>/<orderId>}. The uuid
 * derives from the input that caused the command and the command's place among that input's
 * commands: a command sent again after a crash has the same id, and the command service answers it
 * with its first outcome. The kind and the order are in the id so that a refusal on the results
 * topic leads back to its saga; the orderId comes last because it may itself contain '/'.
 */
public final class SagaCommandIds {

    static final String PREFIX = "order-fulfilment/";

    /** What a saga command's id tells about it. */
    public record Sent(CommandKind kind, String orderId) {}

    private SagaCommandIds() {}

    public static String of(CommandKind kind, String orderId, String inputId, int index) {
        UUID derived = UUID.nameUUIDFromBytes((inputId + "#" + index).getBytes(StandardCharsets.UTF_8));
        return PREFIX + kind.name() + "/" + derived + "/" + orderId;
    }

    /** Cheap enough for every key of the results topic: most results are not the saga's. */
    public static boolean isSagaCommand(String commandId) {
        return commandId != null && commandId.startsWith(PREFIX);
    }

    /** The kind and order a saga command's id names; empty for any other id. */
    public static Optional<Sent> parse(String commandId) {
        if (!isSagaCommand(commandId)) {
            return Optional.empty();
        }
        String[] parts = commandId.substring(PREFIX.length()).split("/", 3);
        if (parts.length < 3 || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Sent(CommandKind.valueOf(parts[0]), parts[2]));
        } catch (IllegalArgumentException unknownKind) {
            return Optional.empty();
        }
    }
}
