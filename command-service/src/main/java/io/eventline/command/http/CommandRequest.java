package io.eventline.command.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of POST /commands/{type}/{id}. Only {@code type} is required: a missing commandId gets a
 * fresh one (so the client cannot retry it safely; send your own to retry), a missing correlationId
 * is the commandId.
 */
record CommandRequest(String commandId, String type, Long expectedVersion, String correlationId, String causationId,
                      String actor, JsonNode payload) {}
