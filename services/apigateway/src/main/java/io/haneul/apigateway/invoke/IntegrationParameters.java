package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The integration's {@code requestParameters} evaluated for one request: the values of
 * {@code integration.request.path|querystring|header.X}, each from its mapping source (see
 * {@link HttpIntegration#source}); a source with no value sets nothing.
 */
record IntegrationParameters(Map<String, String> path, Map<String, String> query, Map<String, String> header) {

    static IntegrationParameters of(InvokeRequest r) {
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> header = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> params = r.integration().path("requestParameters").fields();
        while (params.hasNext()) {
            Map.Entry<String, JsonNode> p = params.next();
            String value = HttpIntegration.source(p.getValue().asText(), r);
            if (value == null) {
                continue;
            }
            String key = p.getKey();
            if (key.startsWith("integration.request.path.")) {
                path.put(key.substring(25), value);
            } else if (key.startsWith("integration.request.querystring.")) {
                query.put(key.substring(32), value);
            } else if (key.startsWith("integration.request.header.")) {
                header.put(key.substring(27), value);
            }
        }
        return new IntegrationParameters(path, query, header);
    }

    /** A header parameter by name, case-insensitively, or null. */
    String header(String name) {
        for (Map.Entry<String, String> h : header.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** {@code template} with each {@code {name}} replaced by its path parameter, percent-encoded. */
    String expandPath(String template) {
        String out = template;
        for (Map.Entry<String, String> p : path.entrySet()) {
            out = out.replace("{" + p.getKey() + "}", encode(p.getValue()));
        }
        return out;
    }

    /** The query parameters form-encoded, in order. */
    String queryString() {
        StringBuilder qs = new StringBuilder();
        query.forEach((k, v) -> qs.append(qs.isEmpty() ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        return qs.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
