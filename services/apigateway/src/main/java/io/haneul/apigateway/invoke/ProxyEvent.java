package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda proxy integration's input event, payload format 1.0: single-valued maps carry the last
 * value of each name, the multi-valued maps every value; maps with nothing in them are null as AWS
 * sends them; a body that is not UTF-8 text or whose type is a binary media type goes base64.
 */
public final class ProxyEvent {

    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ProxyEvent() {
    }

    public static ObjectNode of(InvokeRequest r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode e = f.objectNode();
        e.put("resource", r.resourcePath());
        e.put("path", r.path());
        e.put("httpMethod", r.httpMethod());
        Map<String, List<String>> headers = r.multiHeaders();
        headers.remove("Content-Length");
        putMaps(e, "headers", "multiValueHeaders", headers);
        putMaps(e, "queryStringParameters", "multiValueQueryStringParameters", r.query());
        if (r.match().pathParameters().isEmpty()) {
            e.putNull("pathParameters");
        } else {
            ObjectNode p = e.putObject("pathParameters");
            r.match().pathParameters().forEach(p::put);
        }
        if (r.stageVariables().isEmpty()) {
            e.putNull("stageVariables");
        } else {
            ObjectNode v = e.putObject("stageVariables");
            r.stageVariables().forEach(v::put);
        }
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("resourceId", r.resourceId());
        ctx.put("resourcePath", r.resourcePath());
        ctx.put("httpMethod", r.httpMethod());
        ctx.put("extendedRequestId", r.extendedRequestId());
        ctx.put("requestTime", REQUEST_TIME.format(r.receivedAt()));
        ctx.put("path", r.stagePath());
        ctx.put("accountId", r.account());
        ctx.put("protocol", "HTTP/1.1");
        ctx.put("stage", r.stage());
        ctx.put("domainPrefix", r.domainName().contains(".") ? r.domainName().substring(0, r.domainName().indexOf('.')) : r.domainName());
        ctx.put("requestTimeEpoch", r.receivedAt().toEpochMilli());
        ctx.put("requestId", r.requestId());
        CallerIdentity who = r.caller();
        if (who.principalId() != null) {
            // a Lambda authorizer's principal and context; REST APIs hand context values on as strings
            ObjectNode authorizer = ctx.putObject("authorizer");
            authorizer.put("principalId", who.principalId());
            who.authorizerContext().forEach((k, v) -> authorizer.put(k, String.valueOf(v)));
            authorizer.put("integrationLatency", 0);
        }
        ObjectNode identity = ctx.putObject("identity");
        identity.putNull("cognitoIdentityPoolId");
        if (who.apiKey() != null) {
            identity.put("apiKey", who.apiKey());
        }
        if (who.apiKeyId() != null) {
            identity.put("apiKeyId", who.apiKeyId());
        }
        identity.put("accountId", who.accountId());
        identity.putNull("cognitoIdentityId");
        identity.put("caller", who.accessKey());
        identity.put("sourceIp", r.sourceIp() == null ? "127.0.0.1" : r.sourceIp());
        identity.putNull("principalOrgId");
        identity.put("accessKey", who.accessKey());
        identity.putNull("cognitoAuthenticationType");
        identity.putNull("cognitoAuthenticationProvider");
        identity.put("userArn", who.userArn());
        identity.put("userAgent", r.headers().first("User-Agent"));
        identity.put("user", who.accessKey());
        if (r.caller().apiKeyId() != null) {
            identity.put("apiKey", r.caller().apiKey());
            identity.put("apiKeyId", r.caller().apiKeyId());
        }
        ctx.put("domainName", r.domainName());
        ctx.put("deploymentId", r.deploymentId());
        ctx.put("apiId", r.apiId());
        if (r.body().length == 0) {
            e.putNull("body");
            e.put("isBase64Encoded", false);
        } else if (BinaryTypes.isBinary(r.api(), r.headers().first("Content-Type")) || !isUtf8(r.body())) {
            e.put("body", Base64.getEncoder().encodeToString(r.body()));
            e.put("isBase64Encoded", true);
        } else {
            e.put("body", new String(r.body(), StandardCharsets.UTF_8));
            e.put("isBase64Encoded", false);
        }
        return e;
    }

    private static void putMaps(ObjectNode e, String single, String multi, Map<String, List<String>> values) {
        if (values.isEmpty()) {
            e.putNull(single);
            e.putNull(multi);
            return;
        }
        ObjectNode one = e.putObject(single);
        ObjectNode many = e.putObject(multi);
        values.forEach((k, vs) -> {
            one.put(k, vs.getLast());
            vs.forEach(many.putArray(k)::add);
        });
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
