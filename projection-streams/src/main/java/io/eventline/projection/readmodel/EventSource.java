package io.eventline.projection.readmodel;

import io.eventline.contracts.AggregateCodec;
import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.projection.readmodel.parking.ParkingProcessor;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An aggregate type's event topic as domain events with their metadata, through the type's own
 * codec. An event that does not decode, or that the processors after this one fail on again and
 * again, is parked under its aggregate id with every later event of that aggregate
 * ({@link ParkingProcessor}), in the store {@link ParkingProcessor#parkedStore(String)}: the read model's view of
 * that aggregate waits, the others go on, and nothing is skipped without an operator's decision.
 */
public final class EventSource {

    private EventSource() {}

    /**
     * The decoded events of {@code type}, keyed as on the topic (the Avro EventKey bytes: the
     * metadata carries the aggregate id and version). Operator names start with {@code module}.
     */
    public static <E> KStream<byte[], EventEnvelope<E>> events(StreamsBuilder builder, Topics topics, SchemaRegistry registry,
                                                               AggregateType<?, ?, E> type, String module,
                                                               ProjectionProgress progress) {
        String topic = topics.events(type.name());
        String parked = ParkingProcessor.addStoresTo(builder, topics, registry, module);
        AvroOutcomeCodec keys = new AvroOutcomeCodec(registry);
        return builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(module + "-" + type.name() + "-events"))
                .process(() -> new Decode<>(module, parked, type.codec(), keys, progress),
                        Named.as(module + "-decode-" + type.name() + "-events"), parked);
    }

    private static final class Decode<E> extends ParkingProcessor<byte[], EventEnvelope<E>> {
        private final AggregateCodec<?, ?, E> codec;
        private final AvroOutcomeCodec keys;
        private final ProjectionProgress progress;

        Decode(String module, String parkedStore, AggregateCodec<?, ?, E> codec, AvroOutcomeCodec keys,
               ProjectionProgress progress) {
            super(module, parkedStore);
            this.codec = codec;
            this.keys = keys;
            this.progress = progress;
        }

        @Override
        protected String parkingKey(String topic, int partition, byte[] key) {
            return aggregateIdOf(keys, topic, partition, key);
        }

        @Override
        protected void handle(String topic, Record<byte[], byte[]> record) {
            if (record.value() == null) {
                // A tombstone erases one event from the log; a read model cannot take it back out.
                return;
            }
            progress.read();
            context.forward(record.withValue(codec.decodeEvent(topic, record.headers(), record.value())));
        }
    }
}
