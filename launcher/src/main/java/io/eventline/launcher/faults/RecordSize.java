package io.eventline.launcher.faults;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The size the producer holds a record to against {@code max.request.size}: the record's bytes in a
 * batch of its own, with the widest varints (Kafka's own upper bound, written out here because the
 * class that computes it is internal).
 */
final class RecordSize {

    static final int BATCH_OVERHEAD = 61;
    static final int MAX_RECORD_OVERHEAD = 21; // size, attributes, timestamp and offset deltas at their widest
    static final int MAX_REQUEST_SIZE = 1024 * 1024; // the producer default, below the broker's message.max.bytes

    private RecordSize() {}

    static int upperBound(byte[] key, byte[] value, Headers headers) {
        int body = varint(key.length) + key.length + varint(value.length) + value.length;
        Header[] all = headers.toArray();
        body += varint(all.length);
        for (Header h : all) {
            body += varint(h.key().length()) + h.key().length() + varint(h.value().length) + h.value().length;
        }
        return BATCH_OVERHEAD + MAX_RECORD_OVERHEAD + body;
    }

    private static int varint(int value) {
        int bytes = 1;
        for (int v = (value << 1) ^ (value >> 31); (v & 0xffffff80) != 0; v >>>= 7) {
            bytes++;
        }
        return bytes;
    }
}
