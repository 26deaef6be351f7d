package io.eventline.projection.console;

import io.eventline.contracts.DeadLetterTopic;
import io.eventline.projection.module.ProjectionContext;
import io.eventline.service.http.HttpApi;
import io.eventline.projection.readmodel.ProjectionMonitor;
import io.eventline.projection.readmodel.ops.RebuildStatus;
import io.eventline.service.http.Problem;
import io.eventline.service.http.Response;
import java.util.Map;

/**
 * The operator console at /console: a single page (static files in this jar) and what it reads beyond
 * the projection service's own API: the command contracts, the dead letters, and the few command-service
 * routes it reaches through {@link CommandServiceProxy}. docs/console.md describes it.
 */
public final class Console {

    private Console() {}

    /** Adds the console's routes; call after every module's routes, since the page answers every other GET under /console. */
    public static void addTo(HttpApi api, ProjectionContext context, ConsoleSettings settings) {
        new CommandServiceProxy(settings, context.settings().peers()).addTo(api);
        api.get("/console/api/contracts/commands", request -> Response.ok(CommandCatalogue.describe()));
        api.get("/projections/rebuilds", request -> rebuilds(context));
        new DeadLetterRoutes(new DeadLetterTopic(context.settings().clientConfig(), context.topics(), context.clock()),
                context.aggregates(), api.json()).addTo(api);
        ConsoleAssets assets = new ConsoleAssets();
        api.publicGet("/console/**", assets::serve);
    }

    /** GET /projections/rebuilds: the FRESH rebuilds of this instance's read models, from the cluster. */
    private static Response rebuilds(ProjectionContext context) {
        try {
            return Response.ok(Map.of("rebuilds", RebuildStatus.of(context.settings().clientConfig(),
                    ProjectionMonitor.applications(context.meters()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.unavailable("interrupted", 1);
        } catch (Exception e) {
            throw Problem.unavailable("the rebuilds could not be read from the cluster now: " + e.getMessage(), 5);
        }
    }
}
