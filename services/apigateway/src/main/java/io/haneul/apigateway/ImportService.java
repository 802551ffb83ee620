package io.haneul.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.IntegrationRules;
import io.haneul.apigateway.domain.PathParts;
import io.haneul.apigateway.domain.ResourceTree;
import io.haneul.apigateway.openapi.ImportOptions;
import io.haneul.apigateway.openapi.ImportedItems;
import io.haneul.apigateway.openapi.ImportPlan;
import io.haneul.apigateway.openapi.OpenApiImporter;
import io.haneul.apigateway.openapi.OpenApiReader;
import io.haneul.apigateway.store.SqlRestApiStore;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * ImportRestApi and PutRestApi: an OpenAPI document planned by {@link OpenApiImporter}, then the
 * API's members, resources and methods written in one transaction. {@code overwrite} replaces the
 * resource tree; {@code merge} (PutRestApi's default) adds the document's paths and replaces the
 * methods it names, keeping the rest. The document's documentation parts are stored too, unless
 * {@code ignore=documentation}.
 */
public final class ImportService {

    private final SqlRestApiStore store;
    private final RestApiService apis;
    private final Ids ids;
    private final OpenApiReader reader = new OpenApiReader();

    private final DocumentationService documentation;
    private final List<ImportedItems> items;

    /** @param items where models, validators, authorizers and gateway responses of an import are stored (by their parts) */
    public ImportService(SqlRestApiStore store, RestApiService apis, DocumentationService documentation, List<ImportedItems> items, Ids ids) {
        this.store = store;
        this.documentation = documentation;
        this.items = List.copyOf(items);
        this.ids = ids;
        this.apis = apis;
    }

    /** ImportRestApi: a new API; the answer is the API with the import's {@code warnings}. */
    public ObjectNode importApi(String account, String region, byte[] body, Map<String, String> parameters, boolean failOnWarnings) {
        ImportPlan plan = plan(body, parameters, failOnWarnings);
        ObjectNode api = apis.create(account, region, plan.api());
        String apiId = api.get("id").asText();
        try {
            store.update(tx -> {
                writeResources(tx, apiId, api.get("rootResourceId").asText(), plan, true);
                return null;
            });
            documentation.storeImported(apiId, plan.documentationParts(), true);
            for (ImportedItems sink : items) {
                sink.store(account, region, apiId, plan, true);
            }
        } catch (RuntimeException e) {
            apis.delete(account, region, apiId);
            throw e;
        }
        return withWarnings(api, plan);
    }

    /** PutRestApi: the document applied to an existing API in {@code merge} or {@code overwrite} mode. */
    public ObjectNode putApi(String account, String region, String apiId, String mode, byte[] body, Map<String, String> parameters,
                             boolean failOnWarnings) {
        String m = mode == null ? "merge" : mode;
        if (!m.equals("merge") && !m.equals("overwrite")) {
            throw ApiGatewayException.badRequest("Invalid put mode specified: " + m + ". Valid values are merge, overwrite");
        }
        ImportPlan plan = plan(body, parameters, failOnWarnings);
        boolean overwrite = m.equals("overwrite");
        ObjectNode api = store.update(tx -> {
            ObjectNode current = RestApiService.requireApi(tx, account, region, apiId);
            if (overwrite) {
                for (String member : List.of("description", "version", "binaryMediaTypes", "policy", "minimumCompressionSize")) {
                    current.remove(member);
                }
            }
            plan.api().fields().forEachRemaining(e -> current.set(e.getKey(), e.getValue().deepCopy()));
            tx.replaceApi(current);
            writeResources(tx, apiId, current.get("rootResourceId").asText(), plan, overwrite);
            return current;
        });
        if (!plan.documentationParts().isEmpty() || overwrite) {
            documentation.storeImported(apiId, plan.documentationParts(), overwrite);
        }
        for (ImportedItems sink : items) {
            sink.store(account, region, apiId, plan, overwrite);
        }
        return withWarnings(api, plan);
    }

    private ImportPlan plan(byte[] body, Map<String, String> parameters, boolean failOnWarnings) {
        ImportOptions options = ImportOptions.of(parameters);
        ImportPlan plan = new OpenApiImporter(() -> ids.hex(6)).plan(reader.read(body), options);
        if (failOnWarnings && !plan.warnings().isEmpty()) {
            throw ApiGatewayException.badRequest("Warnings found during import:\n\t" + String.join("\n\t", plan.warnings()));
        }
        return plan;
    }

    private static ObjectNode withWarnings(ObjectNode api, ImportPlan plan) {
        ObjectNode out = api.deepCopy();
        if (!plan.warnings().isEmpty()) {
            plan.warnings().forEach(out.putArray("warnings")::add);
        }
        return out;
    }

    /** Creates the resources each path needs under the root and sets the plan's methods on them. */
    private void writeResources(SqlRestApiStore.Tx tx, String apiId, String rootId, ImportPlan plan, boolean overwrite) throws SQLException {
        ResourceTree tree = new ResourceTree(tx.resources(apiId));
        ObjectNode root = tree.require(rootId);
        if (overwrite) {
            for (ObjectNode d : tree.descendants(rootId)) {
                tx.deleteResource(apiId, d.get("id").asText());
            }
            root.remove("resourceMethods");
            tree = new ResourceTree(List.of(root));
        }
        Map<String, ObjectNode> byPath = new HashMap<>();
        List<ObjectNode> all = new ArrayList<>(tree.all());
        for (ObjectNode r : all) {
            byPath.put(tree.path(r), r);
        }
        List<ObjectNode> changed = new ArrayList<>();
        changed.add(root);
        for (Map.Entry<String, ObjectNode> e : plan.methods().entrySet()) {
            ObjectNode resource = ensure(byPath, e.getKey(), changed);
            ObjectNode methods = resource.has("resourceMethods") ? (ObjectNode) resource.get("resourceMethods")
                    : resource.putObject("resourceMethods");
            for (Iterator<Map.Entry<String, JsonNode>> it = e.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> method = it.next();
                ObjectNode m = (ObjectNode) method.getValue().deepCopy();
                if (m.get("methodIntegration") instanceof ObjectNode integration) {
                    IntegrationRules.defaults(integration, resource.get("id").asText());
                    IntegrationRules.check(integration);
                }
                methods.set(method.getKey(), m);
            }
            if (methods.isEmpty()) {
                resource.remove("resourceMethods");
            }
            if (!changed.contains(resource)) {
                changed.add(resource);
            }
        }
        for (ObjectNode r : changed) {
            tx.putResource(apiId, r);
        }
    }

    private ObjectNode ensure(Map<String, ObjectNode> byPath, String path, List<ObjectNode> changed) {
        ObjectNode at = byPath.get("/");
        String sofar = "";
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String childPath = sofar + "/" + part;
            ObjectNode child = byPath.get(childPath);
            if (child == null) {
                String parentPath = sofar.isEmpty() ? "/" : sofar;
                List<String> siblings = byPath.entrySet().stream()
                        .filter(s -> !s.getKey().equals("/") && parentOf(s.getKey()).equals(parentPath))
                        .map(s -> s.getValue().path("pathPart").asText()).toList();
                PathParts.check(part, at.path("pathPart").asText(null), siblings);
                child = at.objectNode().put("id", ids.resourceId()).put("parentId", at.get("id").asText()).put("pathPart", part);
                byPath.put(childPath, child);
                changed.add(child);
            }
            at = child;
            sofar = childPath;
        }
        return at;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
