package io.eventline.launcher;

import io.eventline.schemas.serde.EnvelopeHeaders;
import io.eventline.schemas.topics.Topics;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where an order waits: reads every command and event topic (read_committed, as the services do)
 * and feeds each record of the run's orders to {@link HopTimes} with when it became visible here.
 * Records are matched by the {@code correlation-id} and {@code event-type} headers every envelope
 * carries, so nothing is decoded and the tracer costs the pipeline one more consumer only.
 */
final class HopTracer implements AutoCloseable {

    private final HopTimes times;
    private final CommittedTail tail;

    HopTracer(Map<String, Object> clientConfig, Topics topics, String correlationPrefix, Map<String, Long> firstDueMillis) {
        this.times = new HopTimes(correlationPrefix, firstDueMillis);
        Set<String> commandTopics = Topics.AGGREGATES.stream().map(topics::commands).collect(Collectors.toSet());
        List<String> watched = new ArrayList<>(commandTopics);
        Topics.AGGREGATES.stream().map(topics::events).forEach(watched::add);
        this.tail = new CommittedTail(clientConfig, watched, "demo-hop-tracer", (record, visibleAt) -> times.see(
                EnvelopeHeaders.text(record.headers(), EnvelopeHeaders.CORRELATION_ID),
                EnvelopeHeaders.text(record.headers(), EnvelopeHeaders.EVENT_TYPE),
                commandTopics.contains(record.topic()), visibleAt));
    }

    void print(PrintStream out, long minCount) {
        times.print(out, minCount);
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
    }
}
