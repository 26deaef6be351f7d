package io.eventline.testsupport;

import static io.eventline.testsupport.HttpFuzzer.pick;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** The bodies {@link HttpFuzzer} sends to POST routes, each with the headers that frame it. */
final class BadBodies {

    /** @param headers the framing headers; null for an honest Content-Length */
    record Bad(String kind, byte[] body, String headers) {}

    private BadBodies() {}

    static Bad next(Random random, List<String> wrongShapes, List<String> goodBodies, int maxBodyBytes) {
        String good = pick(random, goodBodies);
        return switch (random.nextInt(9)) {
            case 0, 1, 2 -> new Bad("wrong shape", utf8(pick(random, wrongShapes)), null);
            // Cut anywhere before the closing brace: never valid JSON.
            case 3 -> new Bad("truncated", utf8(good.substring(0, random.nextInt(good.length()))), null);
            case 4 -> new Bad("oversized", utf8("{\"type\":\"" + "x".repeat(maxBodyBytes + random.nextInt(1_000)) + "\"}"), null);
            case 5 -> {
                byte[] binary = new byte[1 + random.nextInt(2_000)];
                random.nextBytes(binary);
                yield new Bad("binary", binary, null);
            }
            case 6 -> new Bad("deep", utf8("[".repeat(5_000 + random.nextInt(50_000))), null);
            // Fewer bytes than announced: the server meets the end of the stream inside the body.
            case 7 -> new Bad("short of its length", utf8(good), "Content-Length: " + (good.length() + 1 + random.nextInt(100)) + "\r\n");
            default -> new Bad("broken chunks", utf8("zz\r\n" + good + "\r\n0\r\n"), "Transfer-Encoding: chunked\r\n");
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
