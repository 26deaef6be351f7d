package io.eventline.command.http;

import io.eventline.contracts.AggregateType;
import io.eventline.contracts.CommandEnvelope;
import io.eventline.contracts.CommandMetadata;
import io.eventline.contracts.CommandOutcome;
import io.eventline.client.EventlineClient;
import io.eventline.command.query.AggregateQueries;
import io.eventline.service.http.HttpApi;
import io.eventline.service.http.Ids;
import io.eventline.service.http.Principal;
import io.eventline.service.http.Problem;
import io.eventline.service.http.Scope;
import io.eventline.service.http.Request;
import io.eventline.service.http.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The command service's HTTP routes: thin, each one a call into the gateway or the queries. */
public final class CommandHttp {

    private final Map<String, AggregateType<?, ?, ?>> types = new LinkedHashMap<>();
    private final EventlineClient gateway;
    private final Duration commandTimeout;
    private final Clock clock;

    public CommandHttp(List<AggregateType<?, ?, ?>> types, EventlineClient gateway, Duration commandTimeout, Clock clock) {
        types.forEach(t -> this.types.put(t.name(), t));
        this.gateway = gateway;
        this.commandTimeout = commandTimeout;
        this.clock = clock;
    }

    public void addTo(HttpApi api, AggregateQueries queries) {
        api.protectedPost("/commands/{type}/{id}", this::send)
                .get("/aggregates/{type}/{id}", r -> queries.state(validated(r)))
                .get("/aggregates/{type}/{id}/events", r -> queries.events(validated(r)));
    }

    private Response send(Request request) throws InterruptedException {
        validated(request);
        AggregateType<?, ?, ?> type = types.get(request.param("type"));
        CommandRequest body = request.json().bind(request.jsonBody(), CommandRequest.class);
        if (body.type() == null || body.type().isBlank()) {
            throw Problem.badRequest("'type' is required: the command's name, such as PlaceOrder");
        }
        String commandId = Optional.ofNullable(body.commandId()).orElseGet(() -> UUID.randomUUID().toString());
        Ids.require("commandId", commandId);
        // They go into the envelope, its headers and the logs: ids, like the commandId.
        Optional.ofNullable(body.correlationId()).ifPresent(id -> Ids.require("correlationId", id));
        Optional.ofNullable(body.causationId()).ifPresent(id -> Ids.require("causationId", id));
        Optional.ofNullable(body.actor()).ifPresent(id -> Ids.require("actor", id));
        if (body.expectedVersion() != null && body.expectedVersion() < 0) {
            throw Problem.badRequest("expectedVersion must be 0 (not created yet) or more, got " + body.expectedVersion());
        }
        Object command = CommandJson.bind(request.json(), type.name(), request.param("id"), body.type(), body.payload());
        Actor actor = actor(request.principal(), Optional.ofNullable(body.actor()));
        CommandMetadata meta = new CommandMetadata(commandId, request.param("id"),
                body.expectedVersion() == null ? OptionalLong.empty() : OptionalLong.of(body.expectedVersion()),
                clock.instant(), Optional.ofNullable(body.correlationId()).orElse(commandId),
                Optional.ofNullable(body.causationId()), actor.name(), actor.onBehalfOf());
        return answer(sendTyped(type, meta, command));
    }

    record Actor(String name, Optional<String> onBehalfOf) {}

    /**
     * Who the command is from. With credentials required, the authenticated principal, always: a
     * client's {@code actor} that names someone else is kept as {@code onBehalfOf}, and only a
     * principal with the act-for scope may name one. Without credentials (insecure on purpose), the
     * client's word, or "anonymous".
     */
    static Actor actor(Optional<Principal> principal, Optional<String> named) {
        if (principal.isEmpty()) {
            return new Actor(named.orElse("anonymous"), Optional.empty());
        }
        Principal who = principal.get();
        if (named.isEmpty() || named.get().equals(who.name())) {
            return new Actor(who.name(), Optional.empty());
        }
        if (!who.may(Scope.ACT_FOR)) {
            throw new Problem(403, "Forbidden", "'" + who.name() + "' may not send a command for '" + named.get()
                    + "': naming another actor needs the act-for scope (leave 'actor' out to act as yourself)");
        }
        return new Actor(who.name(), named);
    }

    @SuppressWarnings("unchecked")
    private <C> CommandOutcome sendTyped(AggregateType<C, ?, ?> type, CommandMetadata meta, Object command)
            throws InterruptedException {
        try {
            return gateway.send(type, new CommandEnvelope<>(meta, (C) command), commandTimeout).get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw Problem.unavailable("no result for command " + meta.commandId() + " within " + commandTimeout.toMillis()
                        + " ms; it may still be processed: send it again with the same commandId to get its result", 1)
                        .with("commandId", meta.commandId());
            }
            throw Problem.unavailable("the command could not be published: " + e.getCause().getMessage(), 1);
        }
    }

    private static Response answer(CommandOutcome outcome) {
        Map<String, Object> json = OutcomeJson.of(outcome);
        if (outcome.accepted()) {
            return Response.ok(json);
        }
        var rejection = outcome.rejection().orElseThrow();
        Problem problem = Problem.conflict(rejection.code(), rejection.message());
        for (var entry : json.entrySet()) {
            // "status" is the HTTP status in a problem; the outcome's own status is "outcome" there.
            if (entry.getKey().equals("status")) {
                problem = problem.with("outcome", entry.getValue());
            } else if (!entry.getKey().equals("rejection")) {
                problem = problem.with(entry.getKey(), entry.getValue());
            }
        }
        throw problem;
    }

    private Request validated(Request request) {
        if (!types.containsKey(request.param("type"))) {
            throw Problem.notFound("unknown aggregate type '" + request.param("type") + "' (known: " + types.keySet() + ")");
        }
        Ids.require("aggregate id", request.param("id"));
        return request;
    }
}
