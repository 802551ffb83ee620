package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP APIs' parameter mapping: {@code append|overwrite|remove:header.X}, {@code querystring.X} and
 * {@code overwrite:path} on the request to the backend, {@code header.X} and
 * {@code overwrite:statuscode} on the response (by the backend's status). Values are text with
 * {@code $request.header.X}, {@code $request.querystring.X}, {@code $request.path[.X]},
 * {@code $request.body.X} (top-level member), {@code $context.X} and {@code $stageVariables.X}
 * references, optionally in {@code ${...}}; {@code $response.header.X} on responses.
 */
final class ParameterMapping {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}|\\$((?:request|response|context|stageVariables)\\.[A-Za-z0-9._-]+)");

    /** The request as the backend will get it. */
    /** What goes to the integration; read-only (without mappings, the request's own headers and query). */
    record Outgoing(Headers headers, Map<String, List<String>> query, String path) {
    }

    private ParameterMapping() {
    }

    static Outgoing request(HttpApiRequest r, String path, com.fasterxml.jackson.databind.ObjectMapper json) {
        if (r.integration().path("requestParameters").isEmpty()) {
            return new Outgoing(r.headers(), WireRequest.parseForm(r.rawQuery()), path); // nothing mapped: read as they came, no copies
        }
        Headers headers = new Headers();
        r.headers().forEach(headers::add);
        Map<String, List<String>> query = new LinkedHashMap<>(WireRequest.parseForm(r.rawQuery()));
        String outPath = path;
        for (Map.Entry<String, JsonNode> e : r.integration().path("requestParameters").properties()) {
            String[] key = e.getKey().split(":", 2);
            if (key.length != 2) {
                continue;
            }
            String value = substitute(e.getValue().asText(), r, null, json);
            String target = key[1];
            if (target.equals("path")) {
                outPath = value;
            } else if (target.startsWith("header.")) {
                String name = target.substring(7);
                switch (key[0]) {
                    case "append" -> headers.add(name, value);
                    case "overwrite" -> headers.set(name, value);
                    case "remove" -> headers.remove(name);
                    default -> { }
                }
            } else if (target.startsWith("querystring.")) {
                String name = target.substring(12);
                switch (key[0]) {
                    case "append" -> query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                    case "overwrite" -> query.put(name, new ArrayList<>(List.of(value)));
                    case "remove" -> query.remove(name);
                    default -> { }
                }
            }
        }
        return new Outgoing(headers, query, outPath);
    }

    static String queryString(Map<String, List<String>> query) {
        List<String> parts = new ArrayList<>();
        query.forEach((k, vs) -> vs.forEach(v -> parts.add(enc(k) + "=" + enc(v))));
        return String.join("&", parts);
    }

    /** @return the status to answer (the backend's unless {@code overwrite:statuscode} changes it) */
    static int response(HttpApiRequest r, int status, Headers headers) {
        JsonNode mapping = r.integration().path("responseParameters").path(Integer.toString(status));
        int out = status;
        for (Map.Entry<String, JsonNode> e : mapping.properties()) {
            String[] key = e.getKey().split(":", 2);
            if (key.length != 2) {
                continue;
            }
            String value = substitute(e.getValue().asText(), r, headers, null);
            if (key[1].equals("statuscode") && key[0].equals("overwrite")) {
                try {
                    out = Integer.parseInt(value.trim());
                } catch (NumberFormatException ignored) {
                    // an unusable status leaves the backend's
                }
            } else if (key[1].startsWith("header.")) {
                String name = key[1].substring(7);
                switch (key[0]) {
                    case "append" -> headers.add(name, value);
                    case "overwrite" -> headers.set(name, value);
                    case "remove" -> headers.remove(name);
                    default -> { }
                }
            }
        }
        return out;
    }

    /** A request parameter's value with its references filled (service integrations' parameters). */
    static String value(String template, HttpApiRequest r, com.fasterxml.jackson.databind.ObjectMapper json) {
        return substitute(template, r, null, json);
    }

    private static String substitute(String template, HttpApiRequest r, Headers response, com.fasterxml.jackson.databind.ObjectMapper json) {
        Matcher m = REFERENCE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1) != null ? m.group(1).replaceFirst("^\\$", "") : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(ref, r, response, json)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resolve(String ref, HttpApiRequest r, Headers response, com.fasterxml.jackson.databind.ObjectMapper json) {
        if (ref.startsWith("request.header.")) {
            String v = r.headers().first(ref.substring(15));
            return v == null ? "" : v;
        }
        if (ref.startsWith("request.querystring.")) {
            List<String> v = WireRequest.parseForm(r.rawQuery()).get(ref.substring(20));
            return v == null ? "" : String.join(",", v);
        }
        if (ref.equals("request.path")) {
            return r.routed();
        }
        if (ref.startsWith("request.path.")) {
            return r.pathParameters().getOrDefault(ref.substring(13), "");
        }
        if (ref.startsWith("request.body.") && json != null) {
            try {
                JsonNode body = json.readTree(r.body());
                JsonNode v = body == null ? null : body.path(ref.substring(13));
                return v == null || v.isMissingNode() ? "" : v.isValueNode() ? v.asText() : v.toString();
            } catch (java.io.IOException e) {
                return "";
            }
        }
        if (ref.startsWith("response.header.") && response != null) {
            String v = response.first(ref.substring(16));
            return v == null ? "" : v;
        }
        if (ref.startsWith("stageVariables.")) {
            return r.stageVariables().getOrDefault(ref.substring(15), "");
        }
        if (ref.startsWith("context.")) {
            return switch (ref.substring(8)) {
                case "requestId" -> r.requestId();
                case "apiId" -> r.apiId();
                case "stage" -> r.stage();
                case "routeKey" -> r.routeKey();
                case "httpMethod" -> r.method();
                case "path" -> r.path();
                case "domainName" -> r.domainName();
                case "accountId" -> r.account();
                case "identity.sourceIp" -> r.sourceIp() == null ? "" : r.sourceIp();
                case "requestTimeEpoch" -> Long.toString(r.at().toEpochMilli());
                default -> "";
            };
        }
        return "";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
