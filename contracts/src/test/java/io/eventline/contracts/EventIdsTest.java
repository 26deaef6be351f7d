package io.eventline.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void isTheNameBasedUuidOfTheCommandIdAndIndex() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] raw = new byte[1 + random.nextInt(128)];
            random.nextBytes(raw);
            String commandId = new String(raw, StandardCharsets.ISO_8859_1) + "é€" + i;
            int index = random.nextInt(1_000);
            assertThat(EventIds.of(commandId, index)).isEqualTo(
                    UUID.nameUUIDFromBytes((commandId + "#" + index).getBytes(StandardCharsets.UTF_8)).toString());
        }
    }

    @Test
    void keepsTheIdsOfEventsAlreadyWritten() {
        // An id as every earlier version wrote it: a replayed command must produce it again.
        assertThat(EventIds.of("place-o-1", 0)).isEqualTo("08f1e68d-dad2-35ca-9249-c122e523562c");
        assertThat(EventIds.of("place-o-1", 0)).isNotEqualTo(EventIds.of("place-o-1", 1));
    }
}
