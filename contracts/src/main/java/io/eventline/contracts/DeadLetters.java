package io.eventline.contracts;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a dead-lettered command: the original bytes travel unchanged, and these say why
 * and where they came from, so that an operator can inspect, fix and replay them.
 */
public final class DeadLetters {

    public static final String REASON = "dlq.reason";
    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String ERROR_MESSAGE = "dlq.error.message";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** The original record's timestamp (milliseconds): the dead letter itself carries the time it was written. */
    public static final String SOURCE_TIMESTAMP = "dlq.source.timestamp";

    /** The command could not be decoded. */
    public static final String UNDECODABLE = "UNDECODABLE";
    /** The command was decoded, but handling it threw something other than a rejection: a bug. */
    public static final String HANDLER_FAILED = "HANDLER_FAILED";
    /** Even a refusal of the command would exceed the largest record the producer sends (ids of a megabyte). */
    public static final String TOO_LARGE = "TOO_LARGE";
    /** Processing the record failed again and again (the broker refused what it led to, say): taken out of the stream. */
    public static final String REPEATED_FAILURE = "REPEATED_FAILURE";
    /** Moved once to its aggregate's partition and found on a wrong one again: the topic's partition count is not the pipeline's. */
    public static final String MISPARTITIONED = "MISPARTITIONED";
    /** Set when the original value did not fit beside the error headers: its size; the bytes are at dlq.source.*. */
    public static final String VALUE_OMITTED = "dlq.value.omitted";

    /**
     * On a command an operator re-published from a dead-letter topic: where the dead letter was
     * ({@code topic/partition@offset}); with {@link #REPLAYED_BY} and {@link #REPLAYED_AT}, the record
     * of who replayed what, and when. A replayed command whose first outcome was PROCESSING_FAILED is
     * processed again (that outcome came with no events); any other outcome is answered again.
     */
    public static final String REPLAYED_FROM = "eventline.replayed-from";
    public static final String REPLAYED_BY = "eventline.replayed-by";
    /** ISO-8601. */
    public static final String REPLAYED_AT = "eventline.replayed-at";

    private DeadLetters() {}

    /** The original's headers plus why, and where the original was read ({@code sourceTopic} null when unknown). */
    public static Headers headers(Headers original, String reason, Throwable error, String sourceTopic, int sourcePartition,
                                  long sourceOffset, long sourceTimestamp) {
        Headers headers = new RecordHeaders(original.toArray());
        put(headers, REASON, reason);
        put(headers, ERROR_CLASS, error.getClass().getName());
        put(headers, ERROR_MESSAGE, String.valueOf(error.getMessage()));
        if (sourceTopic != null) {
            put(headers, SOURCE_TOPIC, sourceTopic);
            put(headers, SOURCE_PARTITION, String.valueOf(sourcePartition));
            put(headers, SOURCE_OFFSET, String.valueOf(sourceOffset));
        }
        put(headers, SOURCE_TIMESTAMP, String.valueOf(sourceTimestamp));
        return headers;
    }

    public static void omitted(Headers headers, byte[] value) {
        put(headers, VALUE_OMITTED, String.valueOf(value == null ? 0 : value.length));
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
