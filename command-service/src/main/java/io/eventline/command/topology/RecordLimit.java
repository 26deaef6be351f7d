package io.eventline.command.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The largest record the application's producer will send ({@code max.request.size}, 1 MiB unless
 * configured), and the size the producer holds a record to: its bytes alone in a batch, with the
 * widest varints. A record over it fails the whole task, again after every restart, so the
 * processor checks before it forwards. Topics must accept at least as much (the broker's default does).
 */
record RecordLimit(int maxBytes) {

    static final int DEFAULT = 1024 * 1024;
    private static final int BATCH_OVERHEAD = 61;
    private static final int MAX_RECORD_OVERHEAD = 21;

    static RecordLimit from(Map<String, Object> appConfigs) {
        Object value = appConfigs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (value == null) {
            value = appConfigs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        return new RecordLimit(value == null ? DEFAULT : Integer.parseInt(value.toString().trim()));
    }

    boolean fits(byte[] key, byte[] value, Headers headers) {
        return size(key, value, headers) <= maxBytes;
    }

    static int size(byte[] key, byte[] value, Headers headers) {
        int body = field(key) + field(value);
        Header[] all = headers == null ? new Header[0] : headers.toArray();
        body += varint(all.length);
        for (Header h : all) {
            int keyLength = h.key().getBytes(StandardCharsets.UTF_8).length;
            body += varint(keyLength) + keyLength + field(h.value());
        }
        return BATCH_OVERHEAD + MAX_RECORD_OVERHEAD + body;
    }

    /** A window store's changelog key, the longest key a result is stored under: the key, a timestamp, a sequence number. */
    static byte[] windowKey(byte[] key) {
        return Arrays.copyOf(key, key.length + 12);
    }

    private static int field(byte[] bytes) {
        return bytes == null ? 1 : varint(bytes.length) + bytes.length;
    }

    private static int varint(int value) {
        int bytes = 1;
        for (int v = (value << 1) ^ (value >> 31); (v & 0xffffff80) != 0; v >>>= 7) {
            bytes++;
        }
        return bytes;
    }
}
