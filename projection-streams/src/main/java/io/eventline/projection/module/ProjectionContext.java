package io.eventline.projection.module;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.mapping.Aggregates;
import io.eventline.contracts.mapping.AvroOutcomeCodec;
import io.eventline.projection.readmodel.parking.ParkingDecisions;
import io.eventline.schemas.registry.SchemaRegistry;
import io.eventline.schemas.topics.Topics;
import io.eventline.service.config.ServiceSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;

/**
 * What every projection module may use: the settings, the contracts, the instance's meters, and the
 * writer of operators' decisions about parked records (it connects on first use).
 */
public record ProjectionContext(
        ServiceSettings settings,
        SchemaRegistry registry,
        List<AggregateType<?, ?, ?>> aggregates,
        AvroOutcomeCodec outcomes,
        MeterRegistry meters,
        Clock clock,
        ParkingDecisions parkingDecisions) {

    public static ProjectionContext of(ServiceSettings settings, SchemaRegistry registry, MeterRegistry meters, Clock clock) {
        return new ProjectionContext(settings, registry, Aggregates.all(registry), new AvroOutcomeCodec(registry), meters, clock,
                new ParkingDecisions(settings.clientConfig(), settings.topics(), registry, clock));
    }

    public Topics topics() {
        return settings.topics();
    }

    /** The application id of a module: the service's id, the module's name and its version. */
    public String applicationId(ProjectionModule module) {
        return settings.applicationId() + "-" + module.name() + "-v" + module.version();
    }
}
