package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.wire.WireRequest;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The events an HTTP API hands a Lambda function: payload format 2.0 (lower-case headers with
 * duplicates comma-joined, cookies apart, {@code rawPath}/{@code rawQueryString}, {@code requestContext.http})
 * and 1.0 (the REST proxy event's shape, with {@code version} "1.0"). Bodies that are not text are
 * base64-encoded, as AWS does.
 */
final class LambdaEvents {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ObjectMapper json;

    LambdaEvents(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode v2(HttpApiRequest r) {
        ObjectNode e = json.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", r.routeKey());
        e.put("rawPath", r.path());
        e.put("rawQueryString", r.rawQuery());
        List<String> cookies = new ArrayList<>();
        ObjectNode headers = json.createObjectNode();
        Map<String, List<String>> byName = headersByName(r);
        byName.forEach((name, values) -> {
            if (name.equals("cookie")) {
                values.forEach(v -> {
                    for (String c : v.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.trim());
                        }
                    }
                });
            } else {
                headers.put(name, String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) {
            cookies.forEach(e.putArray("cookies")::add);
        }
        e.set("headers", headers);
        Map<String, List<String>> query = WireRequest.parseForm(r.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            query.forEach((k, v) -> q.put(k, String.join(",", v)));
        }
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("accountId", r.account());
        ctx.put("apiId", r.apiId());
        if (r.authorizer() != null) {
            ctx.set("authorizer", r.authorizer());
        }
        ctx.put("domainName", r.domainName());
        ctx.put("domainPrefix", r.apiId());
        ObjectNode http = ctx.putObject("http");
        http.put("method", r.method());
        http.put("path", r.path());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", r.sourceIp());
        http.put("userAgent", r.headers().first("User-Agent") == null ? "" : r.headers().first("User-Agent"));
        ctx.put("requestId", r.requestId());
        ctx.put("routeKey", r.routeKey());
        ctx.put("stage", r.stage());
        ctx.put("time", TIME.format(r.at()));
        ctx.put("timeEpoch", r.at().toEpochMilli());
        body(e, r);
        if (!r.pathParameters().isEmpty()) {
            ObjectNode p = e.putObject("pathParameters");
            r.pathParameters().forEach(p::put);
        }
        if (!r.stageVariables().isEmpty()) {
            ObjectNode v = e.putObject("stageVariables");
            r.stageVariables().forEach(v::put);
        }
        return e;
    }

    ObjectNode v1(HttpApiRequest r) {
        ObjectNode e = json.createObjectNode();
        e.put("version", "1.0");
        String key = r.routeKey();
        e.put("resource", key.contains(" ") ? key.substring(key.indexOf(' ') + 1) : key);
        e.put("path", r.path());
        e.put("httpMethod", r.method());
        ObjectNode headers = e.putObject("headers");
        ObjectNode multi = e.putObject("multiValueHeaders");
        r.headers().forEach((name, value) -> {
            headers.put(name, value);
            multi.withArray(name).add(value);
        });
        Map<String, List<String>> query = WireRequest.parseForm(r.rawQuery());
        if (query.isEmpty()) {
            e.putNull("queryStringParameters");
            e.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode q = e.putObject("queryStringParameters");
            ObjectNode mq = e.putObject("multiValueQueryStringParameters");
            query.forEach((k, v) -> {
                q.put(k, v.get(v.size() - 1));
                v.forEach(mq.withArray(k)::add);
            });
        }
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("accountId", r.account());
        ctx.put("apiId", r.apiId());
        if (r.authorizer() != null) {
            ctx.set("authorizer", r.authorizer());
        }
        ctx.put("domainName", r.domainName());
        ctx.put("domainPrefix", r.apiId());
        ctx.put("extendedRequestId", r.requestId());
        ctx.put("httpMethod", r.method());
        ObjectNode identity = ctx.putObject("identity");
        identity.put("sourceIp", r.sourceIp());
        identity.put("userAgent", r.headers().first("User-Agent"));
        ctx.put("path", r.path());
        ctx.put("protocol", "HTTP/1.1");
        ctx.put("requestId", r.requestId());
        ctx.put("requestTime", TIME.format(r.at()));
        ctx.put("requestTimeEpoch", r.at().toEpochMilli());
        ctx.put("resourceId", key);
        ctx.put("resourcePath", e.get("resource").asText());
        ctx.put("stage", r.stage());
        if (r.pathParameters().isEmpty()) {
            e.putNull("pathParameters");
        } else {
            ObjectNode p = e.putObject("pathParameters");
            r.pathParameters().forEach(p::put);
        }
        if (r.stageVariables().isEmpty()) {
            e.putNull("stageVariables");
        } else {
            ObjectNode v = e.putObject("stageVariables");
            r.stageVariables().forEach(v::put);
        }
        body(e, r);
        if (!e.has("body")) {
            e.putNull("body");
        }
        return e;
    }

    private static Map<String, List<String>> headersByName(HttpApiRequest r) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        r.headers().forEach((name, value) -> out.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value));
        return out;
    }

    private static void body(ObjectNode e, HttpApiRequest r) {
        boolean binary = r.body().length > 0 && !isText(r.headers().first("Content-Type"));
        if (r.body().length > 0) {
            e.put("body", binary ? Base64.getEncoder().encodeToString(r.body()) : new String(r.body(), StandardCharsets.UTF_8));
        }
        e.put("isBase64Encoded", binary);
    }

    /** Media types API Gateway passes as text; anything else (or none) is base64-encoded. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.contains("json") || t.contains("xml") || t.contains("javascript")
                || t.startsWith("application/x-www-form-urlencoded") || t.contains("yaml");
    }

}
