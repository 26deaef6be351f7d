package io.eventline.projection.readmodel.customer;

import io.eventline.contracts.EventEnvelope;
import io.eventline.contracts.EventMetadata;
import io.eventline.domain.order.OrderEvent;
import io.eventline.domain.order.OrderEvent.OrderPlaced;
import io.eventline.schemas.avro.readmodel.CustomerOrderEvent;
import io.eventline.schemas.avro.readmodel.OrderFacts;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In the order's partition: keys each new order event by its customer. Only OrderPlaced names the
 * customer, so the order's facts are kept; an event whose version was routed already is a replay.
 */
final class RouteToCustomer implements Processor<byte[], EventEnvelope<OrderEvent>, String, CustomerOrderEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RouteToCustomer.class);

    private ProcessorContext<String, CustomerOrderEvent> context;
    private KeyValueStore<String, OrderFacts> orders;

    @Override
    public void init(ProcessorContext<String, CustomerOrderEvent> context) {
        this.context = context;
        this.orders = context.getStateStore(CustomerStatsTopology.ORDERS);
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
            // Version 1 of an order is always OrderPlaced; without it (erased?) the customer is unknown.
            LOG.warn("order {} has no OrderPlaced before version {}: its event cannot be routed to a customer",
                    meta.aggregateId(), meta.version());
            return;
        } else {
            facts = OrderFacts.newBuilder(facts).setVersion(meta.version()).build();
        }
        orders.put(meta.aggregateId(), facts);
        context.forward(new Record<>(facts.getCustomerId(), CustomerStatsMapping.routed(facts, record.value()),
                record.timestamp()));
    }
}
