package io.haneul.apigateway.v2.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The documents a WebSocket API hands its integrations: the Lambda proxy event (AWS's WebSocket
 * shape: {@code requestContext} with routeKey, eventType, messageId, connectionId, connectedAt...,
 * headers and query string on {@code $connect} and {@code $disconnect}, the message as
 * {@code body}), the REQUEST authorizer's event, and the {@code $context} of mapping templates.
 */
final class WsEvents {

    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private final ObjectMapper json;

    WsEvents(ObjectMapper json) {
        this.json = json;
    }

    /** The event an {@code AWS_PROXY} integration's function receives. */
    ObjectNode proxyEvent(WsRequest r) {
        ObjectNode event = json.createObjectNode();
        WsConnection.Origin o = r.connection().origin();
        if (!r.eventType().equals("MESSAGE")) {
            headers(event, o.headers());
        }
        if (r.eventType().equals("CONNECT") && !o.query().isEmpty()) {
            query(event, o.query());
        }
        event.set("requestContext", requestContext(r));
        if (r.body() != null) {
            event.put("body", r.body());
        }
        event.put("isBase64Encoded", false);
        Map<String, String> variables = r.config().stageVariables();
        if (!variables.isEmpty()) {
            ObjectNode sv = event.putObject("stageVariables");
            variables.forEach(sv::put);
        }
        return event;
    }

    /** A REQUEST authorizer's event for {@code $connect}: the method ARN, headers, query string, stage variables and request context. */
    ObjectNode authorizerEvent(WsRequest r, String methodArn) {
        ObjectNode event = json.createObjectNode();
        event.put("type", "REQUEST");
        event.put("methodArn", methodArn);
        WsConnection.Origin o = r.connection().origin();
        headers(event, o.headers());
        query(event, o.query());
        ObjectNode sv = event.putObject("stageVariables");
        r.config().stageVariables().forEach(sv::put);
        event.set("requestContext", requestContext(r));
        return event;
    }

    ObjectNode requestContext(WsRequest r) {
        WsConnection c = r.connection();
        ObjectNode ctx = json.createObjectNode();
        ctx.put("routeKey", r.routeKey());
        if (r.messageId() != null) {
            ctx.put("messageId", r.messageId());
        }
        ctx.put("eventType", r.eventType());
        ctx.put("extendedRequestId", r.requestId());
        ctx.put("requestTime", CLF.format(r.at()));
        ctx.put("messageDirection", "IN");
        if (r.eventType().equals("DISCONNECT")) {
            ctx.put("disconnectStatusCode", r.disconnectCode());
            ctx.put("disconnectReason", r.disconnectReason() == null ? "" : r.disconnectReason());
        }
        ctx.put("stage", c.origin().stage());
        ctx.put("connectedAt", c.connectedAt().toEpochMilli());
        ctx.put("requestTimeEpoch", r.at().toEpochMilli());
        ObjectNode identity = ctx.putObject("identity");
        identity.put("sourceIp", c.origin().sourceIp());
        if (c.origin().userAgent() != null) {
            identity.put("userAgent", c.origin().userAgent());
        }
        ctx.put("requestId", r.requestId());
        ctx.put("domainName", c.origin().domainName());
        ctx.put("connectionId", c.id());
        ctx.put("apiId", c.origin().apiId());
        if (c.origin().authorizer() != null) {
            ctx.set("authorizer", c.origin().authorizer());
        }
        return ctx;
    }

    /** {@code $context} of mapping templates: the request context's members as a map Velocity can walk. */
    @SuppressWarnings("unchecked")
    Map<String, Object> templateContext(WsRequest r) {
        return json.convertValue(requestContext(r), LinkedHashMap.class);
    }

    private static void headers(ObjectNode event, Map<String, List<String>> headers) {
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        headers.forEach((name, values) -> {
            single.put(name, values.getLast());
            values.forEach(multi.withArrayProperty(name)::add);
        });
    }

    private static void query(ObjectNode event, Map<String, List<String>> query) {
        ObjectNode single = event.putObject("queryStringParameters");
        ObjectNode multi = event.putObject("multiValueQueryStringParameters");
        query.forEach((name, values) -> {
            single.put(name, values.getLast());
            values.forEach(multi.withArrayProperty(name)::add);
        });
    }
}
