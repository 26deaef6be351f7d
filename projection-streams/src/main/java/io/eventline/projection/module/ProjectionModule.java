package io.eventline.projection.module;

import io.eventline.service.http.HttpApi;
import io.eventline.service.query.QueryRouter;
import org.apache.kafka.streams.Topology;

/**
 * One read model or one saga: a Kafka Streams application of its own (so that it can be rebuilt,
 * scaled and monitored alone) and the HTTP routes that query it. The projection service runs every
 * module in one process and one HTTP server.
 */
public interface ProjectionModule {

    /** Stable, lower-case, dash-separated: part of the application id and of every store name. */
    String name();

    /**
     * The version of the module's topology. Raising it gives the module a new application id, so it
     * is rebuilt from the event topics from scratch while the old one can still be queried until removed.
     */
    default int version() {
        return 1;
    }

    /**
     * Whether the pipeline waits on this module's output, as it waits on a saga's commands: the module
     * then commits at the service's commit interval ({@code EVENTLINE_COMMIT_INTERVAL}). A read model,
     * which only readers wait on, commits at {@code EVENTLINE_READ_MODEL_COMMIT_INTERVAL}.
     */
    default boolean onCommandPath() {
        return false;
    }

    /**
     * Whether the module's tasks process their input partitions in timestamp order across partitions
     * (Kafka Streams' default, {@code max.task.idle.ms} 0): a task with an empty partition that has
     * records on the broker then waits for them to be fetched before it processes any other. A
     * module whose outcome does not depend on that order (one that meets causally unordered inputs
     * anyway) may say no: its tasks then process what they have ({@code max.task.idle.ms} -1).
     * A module whose every task reads one partition has nothing to order, and runs with idling off
     * whatever it says ({@code TaskIdling}). {@code KAFKA_MAX_TASK_IDLE_MS} still decides when set.
     */
    default boolean ordersInputsByTime() {
        return true;
    }

    /** The module's topology, built from typed dependencies only. */
    Topology topology(ProjectionContext context);

    /** Adds the module's query routes; the router answers for this module's Kafka Streams instance. */
    void addRoutes(HttpApi api, QueryRouter router, ProjectionContext context);
}
