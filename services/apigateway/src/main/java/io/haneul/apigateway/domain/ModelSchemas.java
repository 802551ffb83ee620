package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for a model's schema, as CreateModel and UpdateModel apply them: a JSON Schema draft-04
 * document (checked against draft-04's meta-schema by networknt's validator) whose references to
 * other models are in AWS's canonical form {@code https://apigateway.amazonaws.com/restapis/{api}/models/{name}}
 * and name models of the same API that exist. Errors are AWS's
 * {@code Invalid model specified: Validation Result: warnings : [], errors : [...]}.
 */
public final class ModelSchemas {

    private static final Pattern CANONICAL = Pattern.compile("https://apigateway\\.amazonaws\\.com/restapis/([^/]+)/models/([^/#]+)(#.*)?");
    private static final String DRAFT_04 = "http://json-schema.org/draft-04/schema#";

    private final ObjectMapper json = new ObjectMapper();
    private final Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
            .getSchema(SchemaLocation.of(DRAFT_04));

    /** The canonical URL of a model, what other models' {@code $ref} and request validation resolve. */
    public static String url(String apiId, String modelName) {
        return "https://apigateway.amazonaws.com/restapis/" + apiId + "/models/" + modelName;
    }

    /**
     * Checks a model's schema.
     *
     * @param models the names of the API's models (references must name one of them)
     * @throws ApiGatewayException BadRequestException with AWS's message when the schema is not acceptable
     */
    public void check(String schema, String apiId, Set<String> models) {
        List<String> errors = new ArrayList<>();
        JsonNode doc = null;
        try {
            doc = schema == null ? null : json.readTree(schema);
        } catch (Exception e) {
            // not JSON
        }
        if (doc == null || !doc.isObject() || !metaSchema.validate(doc).isEmpty()) {
            errors.add("Invalid model schema specified");
        }
        if (doc != null) {
            Set<String> refErrors = new LinkedHashSet<>();
            refs(doc, ref -> {
                if (ref.startsWith("#")) {
                    return;
                }
                Matcher m = CANONICAL.matcher(ref);
                if (!m.matches() || !m.group(1).equals(apiId)) {
                    refErrors.add("Model reference must be in canonical form");
                } else if (!models.contains(m.group(2))) {
                    refErrors.add("Invalid model name specified: " + m.group(2));
                }
            });
            errors.addAll(refErrors);
        }
        if (!errors.isEmpty()) {
            throw ApiGatewayException.badRequest("Invalid model specified: Validation Result: warnings : [], errors : ["
                    + String.join(", ", errors) + "]");
        }
    }

    /** The names of the models a schema references (canonical references only). */
    public Set<String> referencedModels(String schema) {
        Set<String> out = new LinkedHashSet<>();
        try {
            refs(json.readTree(schema), ref -> {
                Matcher m = CANONICAL.matcher(ref);
                if (m.matches()) {
                    out.add(m.group(2));
                }
            });
        } catch (Exception e) {
            // an unreadable schema references nothing
        }
        return out;
    }

    /** The schemas of an API's models by canonical URL, what a registry resolves references with. */
    public static Map<String, String> byUrl(String apiId, Map<String, String> schemasByName) {
        Map<String, String> out = new java.util.HashMap<>();
        schemasByName.forEach((name, schema) -> out.put(url(apiId, name), schema));
        return out;
    }

    private static void refs(JsonNode node, java.util.function.Consumer<String> each) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getKey().equals("$ref") && f.getValue().isTextual()) {
                    each.accept(f.getValue().asText());
                } else {
                    refs(f.getValue(), each);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> refs(n, each));
        }
    }
}
