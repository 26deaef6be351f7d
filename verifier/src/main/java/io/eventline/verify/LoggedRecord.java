package io.eventline.verify;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** One committed record as the verifier saw it: where it sits, and its bytes. */
public record LoggedRecord(String topic, int partition, long offset, byte[] key, byte[] value, Headers headers) {

    public static LoggedRecord of(ConsumerRecord<byte[], byte[]> record) {
        return new LoggedRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers());
    }

    /** A record written somewhere else than a broker (a TopologyTestDriver's output, say). */
    public static LoggedRecord of(String topic, int partition, long offset, byte[] key, byte[] value, Headers headers) {
        return new LoggedRecord(topic, partition, offset, key, value, headers == null ? new RecordHeaders() : headers);
    }

    /** topic-partition@offset: how a violation names the record. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
