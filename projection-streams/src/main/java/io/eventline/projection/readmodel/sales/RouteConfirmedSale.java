package io.eventline.projection.readmodel.sales;

import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderEvent.OrderConfirmed;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import io.eventline.schemas.avro.readmodel.ConfirmedOrderSale;
import io.eventline.schemas.avro.readmodel.OrderFacts;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In the order's partition: remembers what OrderPlaced said (OrderConfirmed does not repeat the
 * total) and turns OrderConfirmed into a sale keyed by its UTC day and currency. Events at or below
 * the version seen last are replays and change nothing.
 */
final class RouteConfirmedSale implements Processor<byte[], EventEnvelope<OrderEvent>, String, ConfirmedOrderSale> {

    private static final Logger LOG = LoggerFactory.getLogger(RouteConfirmedSale.class);

    private ProcessorContext<String, ConfirmedOrderSale> context;
    private KeyValueStore<String, OrderFacts> orders;

    @Override
    public void init(ProcessorContext<String, ConfirmedOrderSale> context) {
        this.context = context;
        this.orders = context.getStateStore(DailySalesTopology.ORDERS);
    }

    @Override
    public void process(Record<byte[], EventEnvelope<OrderEvent>> record) {
        EventMetadata meta = record.value().metadata();
        OrderEvent event = record.value().event();
        OrderFacts facts = orders.get(meta.aggregateId());
        if (facts != null && facts.getVersion() >= meta.version()) {
            return;
        }
        if (event instanceof OrderPlaced placed) {
            facts = new OrderFacts(placed.customerId(), placed.total(), placed.currency(), meta.version());
        } else if (facts == null) {
            LOG.warn("order {} has no OrderPlaced before version {}: its total is unknown", meta.aggregateId(), meta.version());
            return;
        } else {
            facts = OrderFacts.newBuilder(facts).setVersion(meta.version()).build();
        }
        orders.put(meta.aggregateId(), facts);
        if (event instanceof OrderConfirmed) {
            String day = LocalDate.ofInstant(meta.occurredAt(), ZoneOffset.UTC).toString();
            ConfirmedOrderSale sale = new ConfirmedOrderSale(meta.aggregateId(), meta.version(), day,
                    facts.getCurrency(), facts.getTotal(), meta.occurredAt());
            context.forward(new Record<>(DailySalesTopology.key(day, facts.getCurrency()), sale, record.timestamp()));
        }
    }
}
