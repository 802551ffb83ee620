package io.haneul.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.Paging;
import io.haneul.apigateway.domain.PatchApplier;
import io.haneul.apigateway.domain.PatchApplier.Kind;
import io.haneul.apigateway.domain.PathParts;
import io.haneul.apigateway.domain.ResourceTree;
import io.haneul.apigateway.store.SqlRestApiStore;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * REST APIs and their resources. Documents in and out are in AWS's wire names; a new API gets its
 * root resource {@code /}, and resource paths are derived from the tree ({@link ResourceTree}).
 */
public final class RestApiService {

    static final Map<String, Kind> API_PATCH = PatchApplier.spec(
            "/name", Kind.STRING, "/description", Kind.STRING, "/version", Kind.STRING, "/policy", Kind.STRING,
            "/apiKeySource", Kind.STRING, "/minimumCompressionSize", Kind.INTEGER, "/binaryMediaTypes/*", Kind.STRING_SET,
            "/endpointConfiguration/types/0", Kind.LIST_ITEM, "/endpointConfiguration/types/*", Kind.STRING_SET, "/endpointConfiguration/ipAddressType", Kind.STRING,
            "/disableExecuteApiEndpoint", Kind.BOOLEAN);
    static final Map<String, Kind> RESOURCE_PATCH = PatchApplier.spec("/pathPart", Kind.STRING, "/parentId", Kind.STRING);

    private final SqlRestApiStore store;
    private final Clock clock;
    private final Ids ids;

    public RestApiService(SqlRestApiStore store, Clock clock, Ids ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    /** Creates an API from CreateRestApi's members, with its root resource and AWS's default models. */
    public ObjectNode create(String account, String region, ObjectNode in) {
        ObjectNode api = in.deepCopy();
        api.remove("cloneFrom");
        api.put("id", ids.apiId());
        api.put("createdDate", clock.instant().getEpochSecond());
        String root = ids.resourceId();
        api.put("rootResourceId", root);
        if (!api.has("apiKeySource")) {
            api.put("apiKeySource", "HEADER");
        }
        if (!api.has("endpointConfiguration") || !api.get("endpointConfiguration").has("types")) {
            api.putObject("endpointConfiguration").putArray("types").add("EDGE");
        }
        if (!api.get("endpointConfiguration").has("ipAddressType")) {
            ((ObjectNode) api.get("endpointConfiguration")).put("ipAddressType", "ipv4");
        }
        if (!api.has("disableExecuteApiEndpoint")) {
            api.put("disableExecuteApiEndpoint", false);
        }
        if (api.has("tags") && api.get("tags").isEmpty()) {
            api.remove("tags");
        }
        api.put("apiStatus", "AVAILABLE");
        validate(api);
        ObjectNode rootResource = api.objectNode().put("id", root);
        store.update(tx -> {
            tx.insertApi(account, region, api);
            tx.putResource(api.get("id").asText(), rootResource);
            for (ObjectNode model : ModelService.defaults(ids)) {
                tx.putItem(api.get("id").asText(), ModelService.KIND, model.get("name").asText(), model);
            }
            return null;
        });
        return api;
    }

    public ObjectNode get(String account, String region, String apiId) {
        return store.read(tx -> requireApi(tx, account, region, apiId));
    }

    public Paging.Page list(String account, String region, String position, Integer limit) {
        return Paging.page(store.read(tx -> tx.apis(account, region)), "id", position, limit);
    }

    public ObjectNode update(String account, String region, String apiId, List<PatchApplier.Operation> ops) {
        return store.update(tx -> {
            ObjectNode api = requireApi(tx, account, region, apiId);
            PatchApplier.apply(api, ops, API_PATCH);
            validate(api);
            tx.replaceApi(api);
            return api;
        });
    }

    public void delete(String account, String region, String apiId) {
        store.update(tx -> {
            requireApi(tx, account, region, apiId);
            tx.deleteApi(apiId);
            return null;
        });
    }

    /** Replaces the API's tags (TagResource / UntagResource). */
    public Map<String, String> retag(String account, String region, String apiId, Map<String, String> add, List<String> remove) {
        return store.update(tx -> {
            ObjectNode api = requireApi(tx, account, region, apiId);
            ObjectNode tags = Tags.apply(api, add, remove);
            tx.replaceApi(api);
            return Tags.toMap(tags);
        });
    }

    // resources

    public ObjectNode createResource(String account, String region, String apiId, String parentId, String pathPart) {
        return store.update(tx -> {
            requireApi(tx, account, region, apiId);
            ResourceTree tree = new ResourceTree(tx.resources(apiId));
            ObjectNode parent = tree.require(parentId);
            PathParts.check(pathPart, parent.path("pathPart").asText(null), siblingParts(tree, parentId, null));
            ObjectNode resource = parent.objectNode().put("id", ids.resourceId()).put("parentId", parentId).put("pathPart", pathPart);
            tx.putResource(apiId, resource);
            return view(new ResourceTree(tx.resources(apiId)), resource, false);
        });
    }

    public ObjectNode getResource(String account, String region, String apiId, String resourceId, boolean embedMethods) {
        return store.read(tx -> {
            requireApi(tx, account, region, apiId);
            ResourceTree tree = new ResourceTree(tx.resources(apiId));
            return view(tree, tree.require(resourceId), embedMethods);
        });
    }

    public Paging.Page listResources(String account, String region, String apiId, boolean embedMethods, String position, Integer limit) {
        return store.read(tx -> {
            requireApi(tx, account, region, apiId);
            ResourceTree tree = new ResourceTree(tx.resources(apiId));
            List<ObjectNode> views = tree.all().stream().map(r -> view(tree, r, embedMethods)).toList();
            return Paging.page(views, "id", position, limit);
        });
    }

    public ObjectNode updateResource(String account, String region, String apiId, String resourceId, List<PatchApplier.Operation> ops) {
        return store.update(tx -> {
            requireApi(tx, account, region, apiId);
            ResourceTree tree = new ResourceTree(tx.resources(apiId));
            ObjectNode resource = tree.require(resourceId).deepCopy();
            if (!resource.hasNonNull("parentId")) {
                throw ApiGatewayException.badRequest("Root resource cannot be updated");
            }
            PatchApplier.apply(resource, ops, RESOURCE_PATCH);
            String parentId = resource.path("parentId").asText(null);
            ObjectNode parent = tree.require(parentId);
            if (parentId.equals(resourceId) || tree.descendants(resourceId).stream().anyMatch(d -> d.get("id").asText().equals(parentId))) {
                throw ApiGatewayException.badRequest("Resources cannot be cyclical.");
            }
            PathParts.check(resource.path("pathPart").asText(null), parent.path("pathPart").asText(null),
                    siblingParts(tree, parentId, resourceId));
            tx.putResource(apiId, resource);
            return view(new ResourceTree(tx.resources(apiId)), resource, false);
        });
    }

    public void deleteResource(String account, String region, String apiId, String resourceId) {
        store.update(tx -> {
            requireApi(tx, account, region, apiId);
            ResourceTree tree = new ResourceTree(tx.resources(apiId));
            ObjectNode resource = tree.require(resourceId);
            if (!resource.hasNonNull("parentId")) {
                throw ApiGatewayException.badRequest("Cannot delete root resource");
            }
            for (ObjectNode d : tree.descendants(resourceId)) {
                tx.deleteResource(apiId, d.get("id").asText());
            }
            tx.deleteResource(apiId, resourceId);
            return null;
        });
    }

    /**
     * A resource as GetResource answers it: its path, and its methods either in full
     * ({@code embed=methods}) or as empty objects naming them.
     */
    static ObjectNode view(ResourceTree tree, ObjectNode resource, boolean embedMethods) {
        ObjectNode out = resource.deepCopy();
        out.put("path", tree.path(resource));
        JsonNode methods = resource.get("resourceMethods");
        if (methods == null || methods.isEmpty()) {
            out.remove("resourceMethods");
        } else if (!embedMethods) {
            ObjectNode names = out.putObject("resourceMethods");
            methods.fieldNames().forEachRemaining(m -> names.putObject(m));
        }
        return out;
    }

    private static List<String> siblingParts(ResourceTree tree, String parentId, String except) {
        List<String> parts = new ArrayList<>();
        for (ObjectNode child : tree.children(parentId)) {
            if (!child.get("id").asText().equals(except)) {
                parts.add(child.path("pathPart").asText());
            }
        }
        return parts;
    }

    private static void validate(ObjectNode api) {
        String source = api.path("apiKeySource").asText("HEADER");
        if (!Set.of("HEADER", "AUTHORIZER").contains(source)) {
            throw ApiGatewayException.badRequest("Invalid API Key source specified: " + source);
        }
        if (api.hasNonNull("minimumCompressionSize")) {
            int size = api.get("minimumCompressionSize").asInt();
            if (size < 0 || size > 10_485_760) {
                throw ApiGatewayException.badRequest("Invalid minimum compression size, must be between 0 and 10485760");
            }
        }
        for (JsonNode type : api.path("endpointConfiguration").path("types")) {
            if (!Set.of("EDGE", "REGIONAL", "PRIVATE").contains(type.asText())) {
                throw ApiGatewayException.badRequest("Invalid endpoint configuration type: " + type.asText());
            }
        }
        if (api.path("name").asText("").isEmpty()) {
            throw ApiGatewayException.badRequest("Invalid REST API name specified: name must not be empty");
        }
        String policy = api.path("policy").asText("");
        if (!policy.isBlank()) {
            try {
                io.haneul.core.policy.PolicyDocument.parse(policy);
            } catch (io.haneul.core.policy.MalformedPolicyException e) {
                throw ApiGatewayException.badRequest("Invalid policy document. Please check the policy syntax and ensure that Principals are valid.");
            }
        }
    }

    /** The API of this account and region, or AWS's NotFoundException naming {@code account:apiId}. */
    static ObjectNode requireApi(SqlRestApiStore.Tx tx, String account, String region, String apiId) throws SQLException {
        return tx.api(apiId).filter(row -> row.account().equals(account) && row.region().equals(region))
                .map(SqlRestApiStore.ApiRow::doc)
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid API identifier specified " + account + ":" + apiId));
    }
}
