package io.haneul.lambda.url;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.wire.WireRequest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request to a function URL as the event the function receives: API Gateway's payload
 * format 2.0, as Lambda builds it (version, routeKey {@code $default}, rawPath, rawQueryString,
 * cookies, headers lower-cased with repeated ones comma-joined, queryStringParameters likewise,
 * requestContext, body, isBase64Encoded). Members AWS leaves out when empty (cookies,
 * queryStringParameters, body) are left out.
 *
 * <p>A body is passed as text when its content type is textual (text/*, JSON, XML, JavaScript,
 * form-encoded) and it is valid UTF-8; anything else is base64 with {@code isBase64Encoded: true}.
 */
public final class UrlEvent {

    /** Who called: the account and key of a verified AWS_IAM caller; null for AuthType NONE. */
    public record IamCaller(String accountId, String accessKey) {
    }

    private UrlEvent() {
    }

    /**
     * @param path the request's path as the function sees it (the path form's prefix removed)
     */
    public static byte[] of(ObjectMapper json, FunctionUrlConfig url, DataPlaneCall call, String path, IamCaller caller) {
        WireRequest r = call.request();
        ObjectNode event = json.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", r.rawQuery());
        List<String> cookies = cookies(r);
        if (!cookies.isEmpty()) {
            ArrayNode list = event.putArray("cookies");
            cookies.forEach(list::add);
        }
        ObjectNode headers = event.putObject("headers");
        joined(r).forEach(headers::put);
        Map<String, List<String>> query = r.queryParameters();
        if (!query.isEmpty()) {
            ObjectNode params = event.putObject("queryStringParameters");
            query.forEach((k, v) -> params.put(k, String.join(",", v)));
        }
        event.set("requestContext", context(json, url, call, path, caller));
        byte[] body = r.body();
        boolean base64 = false;
        if (body.length > 0) {
            String text = textual(r.header("Content-Type")) ? utf8(body) : null;
            base64 = text == null;
            event.put("body", base64 ? Base64.getEncoder().encodeToString(body) : text);
        }
        event.put("isBase64Encoded", base64);
        try {
            return json.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode context(ObjectMapper json, FunctionUrlConfig url, DataPlaneCall call, String path, IamCaller caller) {
        WireRequest r = call.request();
        ObjectNode ctx = json.createObjectNode();
        ctx.put("accountId", caller == null ? "anonymous" : caller.accountId());
        ctx.put("apiId", url.urlId());
        if (caller != null) {
            ObjectNode iam = ctx.putObject("authorizer").putObject("iam");
            iam.put("accessKey", caller.accessKey());
            iam.put("accountId", caller.accountId());
            iam.put("callerId", caller.accountId());
            iam.putNull("cognitoIdentity");
            iam.putNull("principalOrgId");
            iam.put("userArn", "arn:aws:iam::" + caller.accountId() + ":root");
            iam.put("userId", caller.accountId());
        }
        ctx.put("domainName", url.domainName());
        ctx.put("domainPrefix", url.urlId());
        ObjectNode http = ctx.putObject("http");
        http.put("method", r.method());
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", sourceIp(r.remoteAddress()));
        http.put("userAgent", r.header("User-Agent"));
        ctx.put("requestId", call.requestId());
        ctx.put("routeKey", "$default");
        ctx.put("stage", "$default");
        Instant at = call.receivedAt();
        ctx.put("time", UrlTimes.event(at));
        ctx.put("timeEpoch", at.toEpochMilli());
        return ctx;
    }

    /** Headers by lower-cased name, repeated values joined by commas; the Cookie header goes to {@code cookies} instead. */
    private static Map<String, String> joined(WireRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        r.headers().forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (!key.equals("cookie")) {
                out.merge(key, value, (a, b) -> a + "," + b);
            }
        });
        return out;
    }

    private static List<String> cookies(WireRequest r) {
        List<String> out = new java.util.ArrayList<>();
        for (String header : r.headers().all("Cookie")) {
            for (String c : header.split(";")) {
                if (!c.isBlank()) {
                    out.add(c.strip());
                }
            }
        }
        return out;
    }

    static boolean textual(String contentType) {
        if (contentType == null) {
            return false;
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        return ct.startsWith("text/") || ct.contains("json") || ct.contains("xml") || ct.contains("javascript")
                || ct.startsWith("application/x-www-form-urlencoded");
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The client's address without the port ({@code 127.0.0.1:5123} or {@code [::1]:5123} as the listener writes it). */
    private static String sourceIp(String remote) {
        if (remote == null) {
            return "";
        }
        if (remote.startsWith("[")) {
            int end = remote.indexOf(']');
            return end > 0 ? remote.substring(1, end) : remote;
        }
        int colon = remote.lastIndexOf(':');
        return colon > 0 && remote.indexOf(':') == colon ? remote.substring(0, colon) : remote;
    }
}
