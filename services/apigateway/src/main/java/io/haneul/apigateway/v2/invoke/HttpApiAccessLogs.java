package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.invoke.AccessLogs;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP API stages' access logs: a stage with {@code AccessLogSettings.Format} gets one line per
 * request, kept with the REST APIs' ({@link AccessLogs}: in the database, so they survive a restart,
 * readable at {@code GET /_haneul/apigateway/access-logs?apiId=&stage=} and
 * {@code GET /_haneul/apigateway/logs/{apiId}/{stage}}). The variables HTTP APIs have and REST APIs
 * do not ({@code $context.routeKey}, and {@code $context.path} without a stage prefix for
 * {@code $default}) are filled here first.
 */
final class HttpApiAccessLogs {

    private static final Pattern OWN = Pattern.compile("\\$(?:context\\.(routeKey|path|integrationErrorMessage)\\b|\\{context\\.(routeKey|path|integrationErrorMessage)})");
    private static final Pattern MESSAGE = Pattern.compile("(?s)^\\{\"message\":\"(.*)\"}$");

    private final AccessLogs lines;
    private final Clock clock;

    /** @param lines the REST APIs' access logs (one store: API ids never repeat across REST and HTTP APIs) */
    HttpApiAccessLogs(Clock clock, AccessLogs lines) {
        this.clock = clock;
        this.lines = lines;
    }

    void record(DataPlaneCall call, ObjectNode stage, String account, String apiId, String requestId, String routeKey, String domainName,
                String path, WireResponse answer) {
        String format = stage.path("accessLogSettings").path("format").asText("");
        if (format.isEmpty()) {
            return;
        }
        String error = null;
        if (answer.status() >= 400 && answer.body() != null && answer.body().length < 512) {
            Matcher m = MESSAGE.matcher(new String(answer.body(), StandardCharsets.UTF_8));
            error = m.matches() ? m.group(1) : null;
        }
        String integrationError = answer.status() >= 500 ? error : null;
        Matcher m = OWN.matcher(format);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = switch (name) {
                case "routeKey" -> routeKey;
                case "path" -> path;
                default -> integrationError;
            };
            m.appendReplacement(filled, Matcher.quoteReplacement(value == null || value.isEmpty() ? "-" : value));
        }
        m.appendTail(filled);
        ObjectNode withFormat = stage.deepCopy();
        withFormat.putObject("accessLogSettings").put("format", filled.toString());
        var r = call.request();
        String stageName = stage.path("stageName").asText();
        lines.record(withFormat, new AccessLogs.Entry(account, apiId, stageName, requestId, requestId, call.receivedAt(), r.method(), path,
                routeKey, "HTTP/1.1", r.remoteAddress(), r.header("User-Agent"), answer.status(), answer.body() == null ? 0 : answer.body().length,
                Duration.between(call.receivedAt(), clock.instant()).toMillis(), domainName, error));
    }
}
