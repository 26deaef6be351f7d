package io.eventline.projection.readmodel;

import io.eventline.projection.module.ProjectionContext;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.eventline.schemas.avro.readmodel.ParkedRecords;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Watches one projection: its lag in records and in seconds, its state, the events it applied and
 * the records it parked, as gauges tagged with the projection's name and application id. GET /projections/status reads the
 * same gauges back ({@code StatusQueries}, gathered from every instance), so it shows every watched
 * projection, whichever module added it.
 */
public final class ProjectionMonitor {

    static final String LAG_RECORDS = "eventline.projection.lag.records";
    static final String LAG_SECONDS = "eventline.projection.lag.seconds";
    static final String STATE = "eventline.projection.state";
    static final String APPLIED = "eventline.projection.changes.applied";
    static final String PARKED = "eventline.projection.parked.records";

    private ProjectionMonitor() {}

    public static void watch(ProjectionContext context, String applicationId, String projection,
                             KafkaStreams streams, ProjectionProgress progress) {
        MeterRegistry meters = context.meters();
        Tags tags = Tags.of("projection", projection, "application", applicationId);
        Clock clock = context.clock();
        Gauge.builder(LAG_RECORDS, streams, ConsumerLag::records).tags(tags)
                .description("records of the input topics this instance has not processed yet").register(meters);
        Gauge.builder(LAG_SECONDS, streams, s -> lagSeconds(s, progress, clock)).tags(tags)
                .description("now minus the time of the last applied event; 0 when caught up").register(meters);
        Gauge.builder(STATE, streams, s -> s.state().ordinal()).tags(tags)
                .description("the Kafka Streams state, as the ordinal of KafkaStreams.State").register(meters);
        FunctionCounter.builder(APPLIED, progress, ProjectionProgress::changesApplied).tags(tags)
                .description("changes applied to the read model's store since this instance started").register(meters);
    }

    /**
     * Seconds behind: an instance that has processed everything is not behind, however old its last
     * event; otherwise the age of the last applied event (NaN when none is applied yet).
     */
    static double lagSeconds(KafkaStreams streams, ProjectionProgress progress, Clock clock) {
        if (ConsumerLag.records(streams) == 0) {
            return 0;
        }
        return progress.lastApplied()
                .map(at -> Math.max(0, clock.millis() - at.toEpochMilli()) / 1000.0)
                .orElse(Double.NaN);
    }

    /** Watches the records a projection (a read model or a saga) parked, as a gauge; status shows it for read models. */
    public static void watchParked(ProjectionContext context, String applicationId, String projection, KafkaStreams streams,
                                   String parkedStore) {
        Gauge.builder(PARKED, streams, s -> parkedRecords(s, parkedStore))
                .tags(Tags.of("projection", projection, "application", applicationId))
                .description("records this instance's tasks parked (could not decode or apply), waiting for an operator")
                .register(context.meters());
    }

    /** The records parked in this instance's active tasks; NaN while the store cannot be read (a rebalance). */
    static double parkedRecords(KafkaStreams streams, String parkedStore) {
        try {
            ReadOnlyKeyValueStore<String, ParkedRecords> store = streams.store(
                    StoreQueryParameters.fromNameAndType(parkedStore, QueryableStoreTypes.<String, ParkedRecords>keyValueStore()));
            long count = 0;
            try (KeyValueIterator<String, ParkedRecords> all = store.all()) {
                while (all.hasNext()) {
                    count += all.next().value.getRecords().size();
                }
            }
            return count;
        } catch (InvalidStateStoreException e) {
            return Double.NaN;
        }
    }

    /** The application ids of the read models this instance watches. */
    public static java.util.Set<String> applications(MeterRegistry meters) {
        return meters.find(LAG_RECORDS).gauges().stream().map(g -> g.getId().getTag("application"))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** This instance's watched projections, from the gauges: what GET /projections/status gathers. */
    public static List<Map<String, Object>> status(MeterRegistry meters) {
        List<Map<String, Object>> projections = new ArrayList<>();
        for (Gauge records : meters.find(LAG_RECORDS).gauges()) {
            String projection = records.getId().getTag("projection");
            String application = records.getId().getTag("application");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("projection", projection);
            json.put("applicationId", application);
            Tags tags = Tags.of("projection", projection, "application", application);
            json.put("state", KafkaStreams.State.values()[(int) meters.get(STATE).tags(tags).gauge().value()].name());
            json.put("lagRecords", (long) records.value());
            double seconds = meters.get(LAG_SECONDS).tags(tags).gauge().value();
            json.put("lagSeconds", Double.isNaN(seconds) ? null : seconds);
            json.put("changesApplied", (long) meters.get(APPLIED).tags(tags).functionCounter().count());
            Gauge parkedGauge = meters.find(PARKED).tags(tags).gauge();
            double parked = parkedGauge == null ? Double.NaN : parkedGauge.value();
            json.put("parkedRecords", Double.isNaN(parked) ? null : (long) parked);
            projections.add(json);
        }
        projections.sort(java.util.Comparator.comparing(p -> (String) p.get("projection")));
        return projections;
    }
}
