package io.eventline.projection.saga;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.projection.saga.SagaCommands.Outgoing;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.serde.UndecodableRecordException;
import io.eventline.schemas.topics.Topics;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order fulfilment saga: order, inventory, account and shipment events, and the refusals of its
 * own commands → inputs keyed by orderId → repartition → evolve, store, react, deadlines → commands
 * to the aggregates' command topics.
 */
public final class OrderFulfilmentTopology {

    public static final String NAME = "order-fulfilment";
    /** orderId → {@link StoredSaga}. */
    public static final String SAGA_STORE = NAME + "-sagas";
    /** (due time, orderId) → orderId: the pending deadlines, see {@link Deadlines}. */
    public static final String DEADLINE_STORE = NAME + "-deadlines";
    /** The repartition of every input by orderId. */
    public static final String INPUTS = NAME + "-inputs";

    private static final Logger LOG = LoggerFactory.getLogger(OrderFulfilmentTopology.class);

    private OrderFulfilmentTopology() {}

    /** With deadlines on the wall clock alone: for a topology driven record by record, where no input can wait. */
    public static void addTo(StreamsBuilder builder, Topics topics, SchemaRegistry registry, SagaSettings settings) {
        addTo(builder, topics, registry, settings, InputWatermark.wallClock(), SagaMetrics.none());
    }

    static void addTo(StreamsBuilder builder, Topics topics, SchemaRegistry registry, SagaSettings settings,
                      InputWatermark watermark, SagaMetrics metrics) {
        KStream<String, SagaInput> inputs = events(builder, topics, Aggregates.order(registry), SagaInputs::ofOrder)
                .merge(events(builder, topics, Aggregates.inventory(registry), SagaInputs::ofInventory), Named.as(NAME + "-merge-inventory"))
                .merge(events(builder, topics, Aggregates.account(registry), SagaInputs::ofAccount), Named.as(NAME + "-merge-account"))
                .merge(events(builder, topics, Aggregates.shipment(registry), SagaInputs::ofShipment), Named.as(NAME + "-merge-shipment"))
                .merge(refusals(builder, topics, new AvroOutcomeCodec(registry)), Named.as(NAME + "-merge-refusals"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SAGA_STORE),
                Serdes.String(), StoredSagaMapping.serde(registry)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINE_STORE),
                Serdes.Bytes(), Serdes.String()));
        KStream<String, Outgoing> sent = inputs
                .repartition(Repartitioned.<String, SagaInput>as(INPUTS)
                        .withKeySerde(Serdes.String()).withValueSerde(SagaInputMapping.serde(registry)))
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

    private static <E> KStream<String, SagaInput> events(StreamsBuilder builder, Topics topics, AggregateType<?, ?, E> type,
                                                         Function<EventEnvelope<E>, Optional<SagaInput>> toInput) {
        String topic = topics.events(type.name());
        return builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(NAME + "-" + type.name() + "-events"))
                .flatMap((key, value) -> keyedByOrder(value == null ? Optional.empty() : decode(topic, () ->
                        toInput.apply(type.codec().decodeEvent(topic, null, value)))), Named.as(NAME + "-" + type.name() + "-inputs"));
    }

    private static KStream<String, SagaInput> refusals(StreamsBuilder builder, Topics topics, AvroOutcomeCodec outcomes) {
        String topic = topics.commandResults();
        return builder.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(NAME + "-results"))
                .filter((commandId, value) -> value != null && SagaCommandIds.isSagaCommand(commandId), Named.as(NAME + "-own-results"))
                .flatMap((commandId, value) -> keyedByOrder(decode(topic, () ->
                        SagaInputs.ofOutcome(outcomes.decodeOutcome(topic, value)))), Named.as(NAME + "-refusals"));
    }

    private static List<KeyValue<String, SagaInput>> keyedByOrder(Optional<SagaInput> input) {
        return input.map(i -> KeyValue.pair(i.orderId(), i)).stream().toList();
    }

    /**
     * An event no mapping can read would stop the saga for good if it failed the task (it would be
     * read again after every restart); it concerns no order the saga can name, so it is logged and skipped.
     */
    private static Optional<SagaInput> decode(String topic, Supplier<Optional<SagaInput>> decoding) {
        try {
            return decoding.get();
        } catch (UndecodableRecordException e) {
            LOG.error("order-fulfilment skips an undecodable record of {}: {}", topic, e.getMessage());
            return Optional.empty();
        }
    }
}
