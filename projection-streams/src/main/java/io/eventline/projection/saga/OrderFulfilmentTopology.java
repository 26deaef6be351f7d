package io.eventline.projection.saga;

import io.eventline.contracts.AggregatePartitioner;
import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.projection.readmodel.parking.ParkingProcessor;
import io.eventline.projection.saga.SagaCommands.Outgoing;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

/**
 * The order fulfilment saga: order, inventory, account and shipment events, and the refusals of its
 * own commands → inputs keyed by orderId → evolve, store, react, deadlines → commands to the
 * aggregates' command topics.
 *
 * <p>An input whose order's saga lives in the task that read it goes to the saga directly; any
 * other goes through the repartition by orderId first. Order and shipment events are keyed by the
 * orderId already, in the partition the repartition would choose ({@link AggregatePartitioner}), so
 * they go directly: a third of an order's inputs, and two of the three saga steps on an order's way
 * to shipping, which then wait for one commit of the saga instead of two (the repartitioned record
 * becomes readable only at the commit that wrote it). Inventory and account events are keyed by sku
 * and customer, and results by command id: those are repartitioned. So the saga, its inputs'
 * decoding and the repartition's reading are one sub-topology, whose task p reads partition p of
 * every input topic and of the repartition, and owns the sagas of the orders in partition p.
 *
 * <p>Which way an input goes depends only on its orderId and the task, so the inputs of one order
 * from one source partition all take the same way and keep their order.
 *
 * <p>A direct input is applied inside {@link ToInputs}' handling, so a saga step that keeps failing
 * on it is parked there like an undecodable record (after {@code EVENTLINE_POISON_ATTEMPTS}, under
 * the order id, the order's later direct inputs behind it); a repartitioned input's failure fails
 * the task until its cause is gone, as before. The saga fails before it writes anything
 * ({@link OrderFulfilmentProcessor}), which parking relies on.
 */
public final class OrderFulfilmentTopology {

    public static final String NAME = "order-fulfilment";
    /** orderId → {@link StoredSaga}. */
    public static final String SAGA_STORE = NAME + "-sagas";
    /** (due time, orderId) → orderId: the pending deadlines, see {@link Deadlines}. */
    public static final String DEADLINE_STORE = NAME + "-deadlines";
    /** Inputs that did not decode, by the key of their record ({@link ParkingProcessor}). */
    public static final String PARKED_STORE = ParkingProcessor.parkedStore(NAME);
    /** The repartition by orderId of the inputs whose saga lives in another task. */
    public static final String INPUTS = NAME + "-inputs";
    /** {@link ToInputs}' two ways out, by the names of its children. */
    private static final String TO_SAGA = NAME + "-inputs-here";
    private static final String TO_REPARTITION = NAME + "-inputs-elsewhere";

    private OrderFulfilmentTopology() {}

    /** With deadlines on the wall clock alone: for a topology driven record by record, where no input can wait. */
    public static void addTo(StreamsBuilder builder, Topics topics, SchemaRegistry registry, SagaSettings settings) {
        addTo(builder, topics, registry, settings, InputWatermark.wallClock(), SagaMetrics.none());
    }

    static void addTo(StreamsBuilder builder, Topics topics, SchemaRegistry registry, SagaSettings settings,
                      InputWatermark watermark, SagaMetrics metrics) {
        ParkingProcessor.addStoresTo(builder, topics, registry, NAME);
        Map<String, Function<byte[], Optional<SagaInput>>> decoders = new LinkedHashMap<>();
        decoders.put(topics.events("order"), decoder(topics, Aggregates.order(registry), SagaInputs::ofOrder));
        decoders.put(topics.events("inventory"), decoder(topics, Aggregates.inventory(registry), SagaInputs::ofInventory));
        decoders.put(topics.events("account"), decoder(topics, Aggregates.account(registry), SagaInputs::ofAccount));
        decoders.put(topics.events("shipment"), decoder(topics, Aggregates.shipment(registry), SagaInputs::ofShipment));
        AvroOutcomeCodec outcomes = new AvroOutcomeCodec(registry);
        String results = topics.commandResults();
        decoders.put(results, value -> SagaInputs.ofOutcome(outcomes.decodeOutcome(results, value)));
        // The repartition has as many partitions as every other topic (TopicProvisioner checks them):
        // ToInputs relies on the count to tell which task owns an order's saga.
        int partitions = topics.partitions();
        KStream<String, SagaInput> inputs = builder.stream(List.copyOf(decoders.keySet()),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(NAME + "-input-topics"))
                .process(() -> new ToInputs(decoders, outcomes, results, partitions), Named.as(NAME + "-to-inputs"),
                        PARKED_STORE);

        // Cached: an order's saga and deadline often change more than once between two commits (an
        // event and its command's result arrive together); the cache writes RocksDB and the
        // changelog once per key at the commit, in the same transaction.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SAGA_STORE),
                Serdes.String(), StoredSagaMapping.serde(registry)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINE_STORE),
                Serdes.Bytes(), Serdes.String()).withCachingEnabled());
        // ToInputs forwards each input to one of these two by name; neither filters anything.
        KStream<String, SagaInput> here = inputs.filter((orderId, input) -> true, Named.as(TO_SAGA));
        KStream<String, SagaInput> repartitioned = inputs.filter((orderId, input) -> true, Named.as(TO_REPARTITION))
                .repartition(Repartitioned.<String, SagaInput>as(INPUTS).withNumberOfPartitions(partitions)
                        .withKeySerde(Serdes.String()).withValueSerde(SagaInputMapping.serde(registry)));
        KStream<String, Outgoing> sent = here.merge(repartitioned, Named.as(NAME + "-inputs-merged"))
                .process(() -> new OrderFulfilmentProcessor(new SagaCommands(topics, registry), settings, watermark, metrics),
                        Named.as(NAME + "-saga"),
                        SAGA_STORE, DEADLINE_STORE);

        BranchedKStream<String, Outgoing> byAggregate = sent.split(Named.as(NAME + "-to-"));
        for (String aggregate : Topics.AGGREGATES) {
            byAggregate.branch((key, command) -> command.aggregateType().equals(aggregate), Branched.withConsumer(
                    commandsOf -> commandsOf.mapValues(Outgoing::value, Named.as(NAME + "-encode-" + aggregate))
                            .to(topics.commands(aggregate), Produced.with(Serdes.String(), Serdes.ByteArray())
                                    .withName(NAME + "-" + aggregate + "-commands")), aggregate));
        }
        byAggregate.noDefaultBranch();
    }

    private static <E> Function<byte[], Optional<SagaInput>> decoder(Topics topics, AggregateType<?, ?, E> type,
                                                                    Function<EventEnvelope<E>, Optional<SagaInput>> toInput) {
        String topic = topics.events(type.name());
        return value -> toInput.apply(type.codec().decodeEvent(topic, null, value));
    }

    /**
     * Event topics and results → the saga's inputs keyed by orderId. What does not decode is parked
     * (it would stop the saga for good if it failed the task, and skipping it could leave an order
     * waiting for a reply that was lost), under the key of the record: the aggregate id of an event,
     * with that aggregate's later events behind it; the command id of a result.
     */
    private static final class ToInputs extends ParkingProcessor<String, SagaInput> {
        private final Map<String, Function<byte[], Optional<SagaInput>>> decoders;
        private final AvroOutcomeCodec outcomes;
        private final String results;
        private final int partitions;

        ToInputs(Map<String, Function<byte[], Optional<SagaInput>>> decoders, AvroOutcomeCodec outcomes, String results,
                 int partitions) {
            super(NAME, PARKED_STORE);
            this.decoders = decoders;
            this.outcomes = outcomes;
            this.results = results;
            this.partitions = partitions;
        }

        @Override
        protected String parkingKey(String topic, int partition, byte[] key) {
            if (key != null && topic.equals(results)) {
                return new String(key, StandardCharsets.UTF_8);
            }
            return aggregateIdOf(outcomes, topic, partition, key);
        }

        @Override
        protected void handle(String topic, Record<byte[], byte[]> record) {
            if (record.value() == null) {
                return;
            }
            if (topic.equals(results) && (record.key() == null
                    || !SagaCommandIds.isSagaCommand(new String(record.key(), StandardCharsets.UTF_8)))) {
                return; // another client's command: none of the saga's business
            }
            decoders.get(topic).apply(record.value()).ifPresent(input -> {
                // The repartition would send it to the task of this partition number: the one at hand?
                boolean sagaIsHere = AggregatePartitioner.partitionOf(input.orderId(), partitions) == context.taskId().partition();
                context.forward(new Record<>(input.orderId(), input, record.timestamp(), record.headers()),
                        sagaIsHere ? TO_SAGA : TO_REPARTITION);
            });
        }
    }
}
