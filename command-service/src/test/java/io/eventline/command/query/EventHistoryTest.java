package io.eventline.command.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.domain.order.OrderCommand;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderLine;
import io.eventline.domain.order.OrderState;
import io.eventline.schemas.avro.common.EventKey;
import io.eventline.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The history of an aggregate does not depend on the id of the key schema its events were written
 * with: after a new EventKey version (a new id), events written before it are still found.
 */
class EventHistoryTest {

    static final String TOPIC = "shop.order.events";
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final AvroOutcomeCodec keys = new AvroOutcomeCodec(registry);
    final AggregateType<OrderCommand, OrderState, OrderEvent> orders = Aggregates.order(registry);
    final TreeMap<Bytes, byte[]> history = new TreeMap<>();

    @Test
    void finds_events_written_under_an_earlier_and_a_later_event_key_schema_in_version_order() {
        // v1 and v2 under the key schema of today; v3 under a later EventKey version (one more field).
        put(keys.encodeEventKey(TOPIC, "o-1", 1), event("o-1", 1, new OrderEvent.OrderPlaced("o-1", "alice",
                List.of(new OrderLine("SKU-1", 1, 100)), "EUR")));
        put(keys.encodeEventKey(TOPIC, "o-1", 2), event("o-1", 2, new OrderEvent.OrderConfirmed("o-1")));
        Schema later = SchemaBuilder.record("EventKey").namespace(EventKey.class.getPackageName()).fields()
                .requiredString("aggregateId").requiredLong("version")
                .name("tenant").type().optional().stringType().endRecord();
        int laterId = registry.register(TOPIC + "-key", later);
        put(wire(laterId, later, "o-1", 3), event("o-1", 3, new OrderEvent.OrderShipped("o-1")));
        put(keys.encodeEventKey(TOPIC, "o-10", 1), event("o-10", 1, new OrderEvent.OrderConfirmed("o-10")));

        List<EventHistory.StoredEvent> events = EventHistory.read(store(), keys, TOPIC, "o-1");

        assertThat(events).extracting(EventHistory.StoredEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(orders.codec().decodeEvent(TOPIC, new RecordHeaders(), events.get(2).value()).event())
                .isEqualTo(new OrderEvent.OrderShipped("o-1"));
        assertThat(keys.eventKeyPrefixes(TOPIC, "o-1")).hasSize(2);
    }

    @Test
    void reads_the_version_from_the_key_bytes_as_avro_wrote_it() {
        for (long version : new long[] {0, 1, 63, 64, 65, 1_000, 1L << 40, Long.MAX_VALUE}) {
            byte[] key = keys.encodeEventKey(TOPIC, "o-1", version);
            int prefix = keys.eventKeyPrefixes(TOPIC, "o-1").getFirst().length;
            assertThat(EventHistory.zigZagVarint(key, prefix)).isEqualTo(version);
        }
    }

    @Test
    void the_aggregate_id_stays_the_first_field_of_the_event_key_as_the_prefixes_rely_on() {
        Schema.Field first = EventKey.getClassSchema().getFields().getFirst();
        assertThat(first.name()).isEqualTo("aggregateId");
        assertThat(first.schema().getType()).isEqualTo(Schema.Type.STRING);
    }

    private EventEnvelope<OrderEvent> eventEnvelope(String id, long version, OrderEvent event) {
        return new EventEnvelope<>(new EventMetadata("e-" + id + "-" + version, "order", id, version, T0.plusSeconds(version),
                "c-" + version, "corr", Optional.empty(), "test"), event);
    }

    private byte[] event(String id, long version, OrderEvent event) {
        return orders.codec().encodeEvent(TOPIC, new RecordHeaders(), eventEnvelope(id, version, event));
    }

    private void put(byte[] key, byte[] value) {
        history.put(Bytes.wrap(key), value);
    }

    private static byte[] wire(int id, Schema schema, String aggregateId, long version) {
        GenericRecord key = new GenericData.Record(schema);
        key.put("aggregateId", aggregateId);
        key.put("version", version);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(key, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The history store as the queries see it: a sorted map of key bytes, with a prefix scan. */
    private ReadOnlyKeyValueStore<Bytes, byte[]> store() {
        return new ReadOnlyKeyValueStore<>() {
            @Override
            public byte[] get(Bytes key) {
                return history.get(key);
            }

            @Override
            public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
                return iterator(history.subMap(from, true, to, true));
            }

            @Override
            public KeyValueIterator<Bytes, byte[]> all() {
                return iterator(history);
            }

            @Override
            @SuppressWarnings("unchecked")
            public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
                byte[] start = ((Bytes) prefix).get();
                TreeMap<Bytes, byte[]> matching = new TreeMap<>();
                history.forEach((k, v) -> {
                    if (k.get().length >= start.length && java.util.Arrays.equals(k.get(), 0, start.length, start, 0, start.length)) {
                        matching.put(k, v);
                    }
                });
                return iterator(matching);
            }

            @Override
            public long approximateNumEntries() {
                return history.size();
            }
        };
    }

    private static KeyValueIterator<Bytes, byte[]> iterator(java.util.SortedMap<Bytes, byte[]> entries) {
        java.util.Iterator<java.util.Map.Entry<Bytes, byte[]>> it = List.copyOf(entries.entrySet()).iterator();
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                var entry = it.next();
                return KeyValue.pair(entry.getKey(), entry.getValue());
            }

            @Override
            public void close() {
            }

            @Override
            public Bytes peekNextKey() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
