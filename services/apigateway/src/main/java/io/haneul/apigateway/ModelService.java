package io.haneul.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.ModelSchemas;
import io.haneul.apigateway.domain.ModelTemplates;
import io.haneul.apigateway.domain.Paging;
import io.haneul.apigateway.domain.PatchApplier;
import io.haneul.apigateway.domain.PatchApplier.Kind;
import io.haneul.apigateway.domain.ResourceTree;
import io.haneul.apigateway.invoke.DeployedItems;
import io.haneul.apigateway.store.SqlRestApiStore;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A REST API's models: JSON Schema draft-04 documents by name ({@link ModelSchemas} checks them),
 * which methods name in {@code requestModels} and {@code responseModels} and other models reference
 * by canonical URL. Every new API has AWS's two default models, {@code Empty} and {@code Error}.
 */
public final class ModelService {

    static final String KIND = DeployedItems.MODELS;
    static final Map<String, Kind> MODEL_PATCH = PatchApplier.spec("/description", Kind.STRING, "/schema", Kind.STRING);
    private static final String EMPTY_SCHEMA = "{\n  \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n"
            + "  \"title\" : \"Empty Schema\",\n  \"type\" : \"object\"\n}";
    private static final String ERROR_SCHEMA = "{\n  \"$schema\" : \"http://json-schema.org/draft-04/schema#\",\n"
            + "  \"title\" : \"Error Schema\",\n  \"type\" : \"object\",\n  \"properties\" : {\n    \"message\" : { \"type\" : \"string\" }\n  }\n}";

    private final SqlRestApiStore store;
    private final Ids ids;
    private final ModelSchemas schemas = new ModelSchemas();
    private final ModelTemplates templates = new ModelTemplates();

    public ModelService(SqlRestApiStore store, Ids ids) {
        this.store = store;
        this.ids = ids;
    }

    /** The models AWS gives every REST API it creates (not one it imports). */
    static List<ObjectNode> defaults(Ids ids) {
        return List.of(model(ids.shortId(), "Empty", "This is a default empty schema model", EMPTY_SCHEMA),
                model(ids.shortId(), "Error", "This is a default error schema model", ERROR_SCHEMA));
    }

    public ObjectNode create(String account, String region, String apiId, ObjectNode in) {
        return store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            String name = in.path("name").asText("");
            if (name.isEmpty()) {
                throw ApiGatewayException.badRequest("Model name must be non-empty");
            }
            if (!name.matches("[a-zA-Z0-9]+")) {
                throw ApiGatewayException.badRequest("Invalid model name specified: " + name);
            }
            if (tx.item(apiId, KIND, name).isPresent()) {
                throw ApiGatewayException.conflict("Model name already exists for this REST API");
            }
            String schema = in.path("schema").asText("");
            if (schema.isEmpty()) {
                throw ApiGatewayException.badRequest("Model schema must have at least 1 property or array items defined");
            }
            schemas.check(schema, apiId, names(tx, apiId));
            ObjectNode model = model(ids.shortId(), name, in.path("description").asText(null), schema);
            model.put("contentType", in.path("contentType").asText("application/json"));
            tx.putItem(apiId, KIND, name, model);
            return model;
        });
    }

    public ObjectNode get(String account, String region, String apiId, String name, boolean flatten) {
        return store.read(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            ObjectNode model = require(tx, apiId, name);
            if (flatten) {
                model.put("schema", flattened(tx, apiId, model.path("schema").asText()));
            }
            return model;
        });
    }

    public Paging.Page list(String account, String region, String apiId, String position, Integer limit) {
        return store.read(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            return Paging.page(tx.items(apiId, KIND), "name", position, limit);
        });
    }

    public ObjectNode update(String account, String region, String apiId, String name, List<PatchApplier.Operation> ops) {
        return store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            ObjectNode model = require(tx, apiId, name);
            PatchApplier.apply(model, ops, MODEL_PATCH);
            String schema = model.path("schema").asText("");
            if (schema.isEmpty()) {
                throw ApiGatewayException.badRequest("Model schema must have at least 1 property or array items defined");
            }
            schemas.check(schema, apiId, names(tx, apiId));
            tx.putItem(apiId, KIND, name, model);
            return model;
        });
    }

    /** Deletes a model no method names ({@code ConflictException} naming the first that does, as AWS words it). */
    public void delete(String account, String region, String apiId, String name) {
        store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            require(tx, apiId, name);
            ResourceTree tree = new ResourceTree(tx.resources(apiId));
            for (ObjectNode resource : tree.all()) {
                for (Map.Entry<String, JsonNode> m : iterable(resource.path("resourceMethods"))) {
                    String where = tree.path(resource) + "/" + m.getKey();
                    if (names(m.getValue().path("requestModels")).contains(name)) {
                        throw ApiGatewayException.conflict("Cannot delete model '" + name + "', is referenced in method request: " + where);
                    }
                    for (JsonNode response : m.getValue().path("methodResponses")) {
                        if (names(response.path("responseModels")).contains(name)) {
                            throw ApiGatewayException.conflict("Cannot delete model '" + name + "', is referenced in method response: " + where);
                        }
                    }
                }
            }
            tx.deleteItem(apiId, KIND, name);
            return null;
        });
    }

    /** GetModelTemplate's value. */
    public String template(String account, String region, String apiId, String name) {
        return store.read(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            ObjectNode model = require(tx, apiId, name);
            Map<String, String> all = schemasByName(tx, apiId);
            return templates.template(model.path("schema").asText(), all::get);
        });
    }

    /** The schema with references to other models replaced by those models' schemas ({@code flatten=true}). */
    private String flattened(SqlRestApiStore.Tx tx, String apiId, String schema) throws SQLException {
        Map<String, String> all = schemasByName(tx, apiId);
        String out = schema;
        for (int depth = 0; depth < 8; depth++) {
            boolean changed = false;
            for (String ref : schemas.referencedModels(out)) {
                String target = all.get(ref);
                if (target != null) {
                    String inlined = "{\"$ref\":\"" + ModelSchemas.url(apiId, ref) + "\"}";
                    String compact = compact(out);
                    if (compact.contains(inlined)) {
                        out = compact.replace(inlined, compact(target));
                        changed = true;
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        return out;
    }

    private static String compact(String schema) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(schema).toString();
        } catch (Exception e) {
            return schema;
        }
    }

    private static Map<String, String> schemasByName(SqlRestApiStore.Tx tx, String apiId) throws SQLException {
        Map<String, String> out = new HashMap<>();
        for (ObjectNode m : tx.items(apiId, KIND)) {
            out.put(m.path("name").asText(), m.path("schema").asText());
        }
        return out;
    }

    private static Set<String> names(SqlRestApiStore.Tx tx, String apiId) throws SQLException {
        return tx.items(apiId, KIND).stream().map(m -> m.path("name").asText()).collect(Collectors.toSet());
    }

    private static Set<String> names(JsonNode map) {
        Set<String> out = new java.util.HashSet<>();
        map.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    private static ObjectNode require(SqlRestApiStore.Tx tx, String apiId, String name) throws SQLException {
        return tx.item(apiId, KIND, name).orElseThrow(() -> ApiGatewayException.notFound("Invalid model name specified: " + name));
    }

    private static ObjectNode model(String id, String name, String description, String schema) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("id", id);
        m.put("name", name);
        if (description != null && !description.isEmpty()) {
            m.put("description", description);
        }
        m.put("schema", schema);
        m.put("contentType", "application/json");
        return m;
    }
}
