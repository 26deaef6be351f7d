package io.eventline.projection.readmodel;

import io.eventline.contracts.AggregateCodec;
import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.schemas.serde.UndecodableRecordException;
import io.eventline.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An aggregate type's event topic as domain events with their metadata, through the type's own codec. */
public final class EventSource {

    private EventSource() {}

    /**
     * The decoded events of {@code type}, keyed as on the topic (the Avro EventKey bytes: the
     * metadata carries the aggregate id and version). Operator names start with {@code module}.
     */
    public static <E> KStream<byte[], EventEnvelope<E>> events(StreamsBuilder builder, Topics topics,
                                                               AggregateType<?, ?, E> type, String module,
                                                               ProjectionProgress progress) {
        String topic = topics.events(type.name());
        return builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(module + "-" + type.name() + "-events"))
                .processValues(() -> new Decode<>(type.codec(), topic, progress),
                        Named.as(module + "-decode-" + type.name() + "-events"));
    }

    private static final class Decode<E> implements FixedKeyProcessor<byte[], byte[], EventEnvelope<E>> {
        private static final Logger LOG = LoggerFactory.getLogger(EventSource.class);
        private final AggregateCodec<?, ?, E> codec;
        private final String topic;
        private final ProjectionProgress progress;
        private FixedKeyProcessorContext<byte[], EventEnvelope<E>> context;

        Decode(AggregateCodec<?, ?, E> codec, String topic, ProjectionProgress progress) {
            this.codec = codec;
            this.topic = topic;
            this.progress = progress;
        }

        @Override
        public void init(FixedKeyProcessorContext<byte[], EventEnvelope<E>> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<byte[], byte[]> record) {
            if (record.value() == null) {
                // A tombstone erases one event from the log; a read model cannot take it back out.
                return;
            }
            progress.read();
            try {
                context.forward(record.withValue(codec.decodeEvent(topic, record.headers(), record.value())));
            } catch (UndecodableRecordException e) {
                // The command service wrote it, so this is a contract bug: say where, and go on.
                LOG.error("skipping an undecodable event on {} at {}: {}", topic,
                        context.recordMetadata().map(m -> m.partition() + "@" + m.offset()).orElse("?"), e.getMessage());
            }
        }
    }
}
