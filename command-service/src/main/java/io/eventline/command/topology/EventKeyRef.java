package io.eventline.command.topology;

import org.apache.kafka.common.serialization.Serializer;

/** An event's key on its way to the sink: already encoded, with the aggregate id the partitioner needs. */
public record EventKeyRef(String aggregateId, long version, byte[] encoded) {

    /** Writes the bytes the processor already encoded. */
    public static final class PassThroughSerializer implements Serializer<EventKeyRef> {
        @Override
        public byte[] serialize(String topic, EventKeyRef key) {
            return key == null ? null : key.encoded();
        }
    }
}
