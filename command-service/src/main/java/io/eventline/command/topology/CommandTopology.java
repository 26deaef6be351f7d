package io.eventline.command.topology;

import io.eventline.contracts.StoreNames;
import io.eventline.contracts.AggregateType;
import io.eventline.command.CommandMetrics;
import io.eventline.contracts.OutcomeCodec;
import io.eventline.schemas.topics.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * One aggregate type's write side: commands → {@link CommandProcessor} (state, dedup) → events,
 * results, dead letters, and commands found on a wrong partition back to the command topic, on the right one. Beside it, the aggregate's event history: a read-only store whose
 * changelog is the event topic itself, for temporal queries and the audit trail.
 */
public final class CommandTopology {

    private CommandTopology() {}

    public static <C, S, E> void addTo(Topology topology, AggregateType<C, S, E> type, Topics topics,
                                       OutcomeCodec outcomes, CommandMetrics metrics, CommandPolicy policy) {
        Duration dedupRetention = policy.dedupRetention();
        StoreNames names = new StoreNames(type.name());
        NodeNames nodes = new NodeNames(type.name());
        topology.addSource(nodes.commandSource(), new StringDeserializer(), new ByteArrayDeserializer(),
                topics.commands(type.name()));
        topology.addProcessor(nodes.processor(),
                () -> new CommandProcessor<>(type, topics, outcomes, metrics, policy), nodes.commandSource());
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(names.aggregates()), Serdes.String(), Serdes.ByteArray()),
                nodes.processor());
        topology.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(names.dedup(), dedupRetention, dedupRetention, false),
                Serdes.String(), Serdes.ByteArray()), nodes.processor());
        topology.addSink(nodes.eventSink(), topics.events(type.name()), new EventKeyRef.PassThroughSerializer(),
                new ByteArraySerializer(), new EventPartitioner(), nodes.processor());
        topology.addSink(nodes.moveSink(), topics.commands(type.name()), new MovedCommand.KeySerializer(),
                new ByteArraySerializer(), new MovedCommand.Partitioner(), nodes.processor());
        topology.addSink(nodes.resultSink(), topics.commandResults(), new StringSerializer(), new ByteArraySerializer(),
                nodes.processor());
        topology.addSink(nodes.deadLetterSink(), topics.deadLetters(type.name()), new StringSerializer(),
                new ByteArraySerializer(), nodes.processor());
        addHistory(topology, type.name(), topics, names, nodes);
    }

    private static void addHistory(Topology topology, String aggregateType, Topics topics, StoreNames names, NodeNames nodes) {
        topology.addReadOnlyStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(names.history()), Serdes.Bytes(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                nodes.historySource(), new BytesDeserializer(), new ByteArrayDeserializer(),
                topics.events(aggregateType), nodes.historyProcessor(), () -> new HistoryUpdater(names.history()));
    }

    /** Keeps the history store equal to the event topic: an event, or a tombstone that erases one. */
    private static final class HistoryUpdater implements Processor<Bytes, byte[], Void, Void> {
        private final String storeName;
        private KeyValueStore<Bytes, byte[]> history;

        HistoryUpdater(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            history = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<Bytes, byte[]> record) {
            if (record.value() == null) {
                history.delete(record.key());
            } else {
                history.put(record.key(), record.value());
            }
        }
    }
}
