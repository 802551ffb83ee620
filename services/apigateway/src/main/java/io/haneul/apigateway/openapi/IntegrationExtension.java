package io.haneul.apigateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code x-amazon-apigateway-integration} to and from an integration's wire document. The extension
 * writes types and passthrough behaviours in either case ({@code aws_proxy}, {@code when_no_match})
 * and keys its {@code responses} by selection pattern ({@code default} for none), where the stored
 * integration keys them by status code.
 */
public final class IntegrationExtension {

    static final String NAME = "x-amazon-apigateway-integration";
    private static final List<String> COPIED = List.of("uri", "httpMethod", "credentials", "requestParameters", "requestTemplates",
            "timeoutInMillis", "cacheNamespace", "cacheKeyParameters", "contentHandling", "connectionId", "tlsConfig");

    private IntegrationExtension() {
    }

    /** The integration a method gets from the extension. */
    public static ObjectNode toIntegration(JsonNode ext) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("type", ext.path("type").asText("").toUpperCase(Locale.ROOT));
        for (String name : COPIED) {
            if (ext.has(name)) {
                out.set(name, ext.get(name).deepCopy());
            }
        }
        if (ext.has("passthroughBehavior")) {
            out.put("passthroughBehavior", ext.get("passthroughBehavior").asText().toUpperCase(Locale.ROOT));
        }
        if (ext.has("connectionType")) {
            out.put("connectionType", ext.get("connectionType").asText().toUpperCase(Locale.ROOT));
        }
        JsonNode responses = ext.path("responses");
        if (responses.isObject() && !responses.isEmpty()) {
            ObjectNode byStatus = out.putObject("integrationResponses");
            for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ObjectNode response = JsonNodeFactory.instance.objectNode();
                String status = e.getValue().path("statusCode").asText("200");
                response.put("statusCode", status);
                if (!e.getKey().equals("default")) {
                    response.put("selectionPattern", e.getKey());
                }
                for (String name : List.of("responseParameters", "responseTemplates", "contentHandling")) {
                    if (e.getValue().has(name)) {
                        response.set(name, e.getValue().get(name).deepCopy());
                    }
                }
                byStatus.set(status, response);
            }
        }
        return out;
    }

    /** The extension GetExport writes for a stored integration. */
    public static ObjectNode toExtension(JsonNode integration) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("type", integration.path("type").asText().toLowerCase(Locale.ROOT));
        for (String name : COPIED) {
            if (integration.has(name) && !(name.equals("cacheKeyParameters") && integration.get(name).isEmpty())) {
                out.set(name, integration.get(name).deepCopy());
            }
        }
        if (integration.has("passthroughBehavior")) {
            out.put("passthroughBehavior", integration.get("passthroughBehavior").asText().toLowerCase(Locale.ROOT));
        }
        if (integration.has("connectionType")) {
            out.put("connectionType", integration.get("connectionType").asText());
        }
        JsonNode responses = integration.path("integrationResponses");
        if (!responses.isEmpty()) {
            ObjectNode byPattern = out.putObject("responses");
            for (JsonNode response : responses) {
                ObjectNode r = byPattern.putObject(response.path("selectionPattern").asText("default"));
                r.put("statusCode", response.path("statusCode").asText());
                for (String name : List.of("responseParameters", "responseTemplates", "contentHandling")) {
                    if (response.has(name)) {
                        r.set(name, response.get(name).deepCopy());
                    }
                }
            }
        }
        return out;
    }
}
