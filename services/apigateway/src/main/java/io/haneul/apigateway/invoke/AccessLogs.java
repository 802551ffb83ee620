package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage access logs: a stage with {@code accessLogSettings.format} gets one line per request, the
 * format with its {@code $context.x} variables filled in ({@code -} for one without a value, as AWS
 * writes). AWS sends the lines to the CloudWatch Logs group of {@code destinationArn}; Haneul writes
 * them to its store ({@link Lines}), so that they survive a restart, readable at
 * {@code GET /_haneul/apigateway/access-logs?apiId=&stage=} (JSON, paged) and as plain text at
 * {@code GET /_haneul/apigateway/logs/{apiId}/{stage}}.
 */
public final class AccessLogs {

    /** Where the lines are kept. */
    public interface Lines {
        void append(String account, String apiId, String stage, String requestId, Instant at, String line);

        /** @param account null reads any account's */
        List<Line> read(String account, String apiId, String stage, int offset, int limit);
    }

    /** One kept line. */
    public record Line(String requestId, Instant at, String message) {
    }

    private final Lines store;

    public AccessLogs(Lines store) {
        this.store = store;
    }
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:context\\.([A-Za-z0-9_.]+)|\\{context\\.([A-Za-z0-9_.]+)})");
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    /** What one request's line is made of. */
    public record Entry(String account, String apiId, String stage, String requestId, String extendedRequestId, Instant at,
                        String httpMethod, String path, String resourcePath, String protocol, String sourceIp, String userAgent,
                        int status, int responseLength, long latencyMillis, String domainName, String errorMessage) {
    }

    /** Records a line when the stage has an access log format. */
    public void record(JsonNode stage, Entry e) {
        String format = stage.path("accessLogSettings").path("format").asText("");
        if (format.isEmpty()) {
            return;
        }
        store.append(e.account(), e.apiId(), e.stage(), e.requestId(), e.at(), render(format, e));
    }

    /** A page of the kept lines, oldest first; {@code account} null reads any account's. */
    public List<Line> read(String account, String apiId, String stage, int offset, int limit) {
        return store.read(account, apiId, stage, offset, limit);
    }

    /** Every kept line, oldest first, one per line; {@code account} null reads any account's. */
    public String read(String account, String apiId, String stage) {
        StringBuilder out = new StringBuilder();
        store.read(account, apiId, stage, 0, Integer.MAX_VALUE).forEach(l -> out.append(l.message()).append('\n'));
        return out.toString();
    }

    static String render(String format, Entry e) {
        Matcher m = VARIABLE.matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = value(name, e);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null || value.isEmpty() ? "-" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String name, Entry e) {
        return switch (name) {
            case "requestId", "awsEndpointRequestId" -> e.requestId();
            case "extendedRequestId" -> e.extendedRequestId();
            case "apiId" -> e.apiId();
            case "accountId" -> e.account();
            case "stage" -> e.stage();
            case "httpMethod" -> e.httpMethod();
            case "path" -> "/" + e.stage() + (e.path().equals("/") ? "" : e.path());
            case "resourcePath" -> e.resourcePath();
            case "protocol" -> e.protocol();
            case "status" -> String.valueOf(e.status());
            case "responseLength" -> String.valueOf(e.responseLength());
            case "responseLatency", "integrationLatency", "integration.latency" -> String.valueOf(e.latencyMillis());
            case "requestTime" -> CLF.format(e.at());
            case "requestTimeEpoch" -> String.valueOf(e.at().toEpochMilli());
            case "identity.sourceIp" -> e.sourceIp();
            case "identity.userAgent" -> e.userAgent();
            case "domainName" -> e.domainName();
            case "domainPrefix" -> e.domainName() == null ? null : e.domainName().split("\\.", 2)[0];
            case "error.message" -> e.errorMessage();
            default -> null;
        };
    }
}
