package io.haneul.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.CacheClusters;
import io.haneul.apigateway.domain.CanaryPatch;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.MethodSettingsPatch;
import io.haneul.apigateway.domain.Paging;
import io.haneul.apigateway.domain.PatchApplier;
import io.haneul.apigateway.domain.PatchApplier.Kind;
import io.haneul.apigateway.domain.ResourceTree;
import io.haneul.apigateway.store.SqlRestApiStore;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployments and stages. A deployment freezes the API's resource tree (paths resolved, methods
 * and integrations included) so that a stage keeps serving what was deployed while the API is
 * edited (with its other items, see {@link SqlRestApiStore.Tx#freezeItems}); a stage names the
 * deployment it serves and carries its variables.
 */
public final class DeploymentService {

    static final Map<String, Kind> DEPLOYMENT_PATCH = PatchApplier.spec("/description", Kind.STRING);
    static final Map<String, Kind> STAGE_PATCH = PatchApplier.spec(
            "/description", Kind.STRING, "/deploymentId", Kind.STRING, "/variables/*", Kind.STRING_MAP,
            "/cacheClusterEnabled", Kind.BOOLEAN, "/cacheClusterSize", Kind.STRING, "/tracingEnabled", Kind.BOOLEAN,
            "/clientCertificateId", Kind.STRING, "/documentationVersion", Kind.STRING, "/webAclArn", Kind.STRING,
            "/accessLogSettings/destinationArn", Kind.STRING, "/accessLogSettings/format", Kind.STRING);

    private final SqlRestApiStore store;
    private final Clock clock;
    private final Ids ids;
    /**
     * Stages as served, by {@code apiId/stage}: the invoke path reads them on every request, and
     * parsing a deployment's resource tree each time would dominate a proxied call's cost.
     */
    private final io.haneul.apigateway.store.WriteKeyedCache<Optional<Deployed>> served =
            new io.haneul.apigateway.store.WriteKeyedCache<>(1024);

    public DeploymentService(SqlRestApiStore store, Clock clock, Ids ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    /** CreateDeployment: snapshot the API and, when {@code stageName} is given, point that stage at it (creating it). */
    public ObjectNode createDeployment(String account, String region, String apiId, ObjectNode in) {
        return store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            ResourceTree tree = new ResourceTree(tx.resources(apiId));
            ArrayNode snapshot = JsonNodeFactory.instance.arrayNode();
            boolean anyMethod = false;
            for (ObjectNode resource : tree.all()) {
                ObjectNode frozen = resource.deepCopy();
                frozen.put("path", tree.path(resource));
                for (JsonNode method : resource.path("resourceMethods")) {
                    anyMethod = true;
                    if (!method.has("methodIntegration")) {
                        throw ApiGatewayException.badRequest("No integration defined for method");
                    }
                }
                snapshot.add(frozen);
            }
            if (!anyMethod) {
                throw ApiGatewayException.badRequest("The REST API doesn't contain any methods");
            }
            ObjectNode deployment = JsonNodeFactory.instance.objectNode();
            deployment.put("id", ids.deploymentId());
            if (in.hasNonNull("description")) {
                deployment.put("description", in.get("description").asText());
            }
            deployment.put("createdDate", clock.instant().getEpochSecond());
            String stageName = in.path("stageName").asText("");
            if (!stageName.isEmpty()) {
                checkStageName(stageName);
            }
            JsonNode canary = in.get("canarySettings");
            if (canary != null && !canary.isNull() && (stageName.isEmpty() || tx.stage(apiId, stageName).isEmpty())) {
                throw ApiGatewayException.badRequest(stageName.isEmpty() ? "A canary deployment needs a stage name"
                        : "Invalid Stage identifier specified: a canary deployment needs an existing stage");
            }
            tx.insertDeployment(apiId, deployment, snapshot);
            tx.freezeItems(apiId, deployment.get("id").asText());
            if (canary != null && !canary.isNull()) {
                // a canary release: the stage keeps its deployment and gets this one as its canary
                ObjectNode stage = tx.stage(apiId, stageName).orElseThrow();
                ObjectNode settings = stage.putObject("canarySettings");
                settings.put("deploymentId", deployment.get("id").asText());
                settings.put("percentTraffic", CanaryPatch.percent(canary.path("percentTraffic").asText("0.0")));
                if (canary.has("stageVariableOverrides")) {
                    settings.set("stageVariableOverrides", canary.get("stageVariableOverrides").deepCopy());
                }
                settings.put("useStageCache", canary.path("useStageCache").asBoolean(false));
                stage.put("lastUpdatedDate", clock.instant().getEpochSecond());
                tx.putStage(apiId, stage);
            } else if (!stageName.isEmpty()) {
                ObjectNode stage = tx.stage(apiId, stageName).orElse(null);
                if (stage == null) {
                    stage = newStage(stageName, deployment.get("id").asText(), in.path("stageDescription").asText(null));
                    copy(in, stage, "variables", "cacheClusterEnabled", "cacheClusterSize", "tracingEnabled");
                    CacheClusters.settle(stage);
                } else {
                    stage.put("deploymentId", deployment.get("id").asText());
                    copy(in, stage, "variables");
                    stage.put("lastUpdatedDate", clock.instant().getEpochSecond());
                }
                tx.putStage(apiId, stage);
            }
            return deployment;
        });
    }

    /**
     * The API as edited, shaped as a deployment would freeze it (each resource with its full path),
     * for TestInvokeMethod, which runs a method without deploying it.
     */
    public Deployed draft(String account, String region, String apiId) {
        return store.read(tx -> {
            ObjectNode api = RestApiService.requireApi(tx, account, region, apiId);
            ResourceTree tree = new ResourceTree(tx.resources(apiId));
            ArrayNode resources = JsonNodeFactory.instance.arrayNode();
            for (ObjectNode resource : tree.all()) {
                ObjectNode copy = resource.deepCopy();
                copy.put("path", tree.path(resource));
                resources.add(copy);
            }
            ObjectNode stage = JsonNodeFactory.instance.objectNode();
            stage.put("stageName", "test-invoke-stage");
            return new Deployed(account, region, api, stage, "test-invoke-deployment-id", resources);
        });
    }

    public ObjectNode getDeployment(String account, String region, String apiId, String deploymentId, boolean apiSummary) {
        return store.read(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            SqlRestApiStore.DeploymentRow row = requireDeployment(tx, apiId, deploymentId);
            ObjectNode out = row.doc().deepCopy();
            if (apiSummary) {
                out.set("apiSummary", summary(row.snapshot()));
            }
            return out;
        });
    }

    public Paging.Page listDeployments(String account, String region, String apiId, String position, Integer limit) {
        return store.read(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            return Paging.page(tx.deployments(apiId), "id", position, limit);
        });
    }

    public ObjectNode updateDeployment(String account, String region, String apiId, String deploymentId, List<PatchApplier.Operation> ops) {
        return store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            SqlRestApiStore.DeploymentRow row = requireDeployment(tx, apiId, deploymentId);
            PatchApplier.apply(row.doc(), ops, DEPLOYMENT_PATCH);
            tx.replaceDeployment(apiId, row.doc());
            return row.doc();
        });
    }

    public void deleteDeployment(String account, String region, String apiId, String deploymentId) {
        store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            requireDeployment(tx, apiId, deploymentId);
            if (tx.deploymentInUse(apiId, deploymentId)) {
                throw ApiGatewayException.badRequest("Active stages pointing to this deployment must be moved or deleted");
            }
            tx.deleteDeployment(apiId, deploymentId);
            return null;
        });
    }

    // stages

    public ObjectNode createStage(String account, String region, String apiId, ObjectNode in) {
        return store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            String name = in.path("stageName").asText("");
            checkStageName(name);
            String deploymentId = in.path("deploymentId").asText("");
            requireDeployment(tx, apiId, deploymentId);
            if (tx.stage(apiId, name).isPresent()) {
                throw ApiGatewayException.conflict("Stage already exists");
            }
            ObjectNode stage = newStage(name, deploymentId, in.path("description").asText(null));
            copy(in, stage, "variables", "cacheClusterEnabled", "cacheClusterSize", "tracingEnabled", "documentationVersion",
                    "canarySettings", "tags");
            if (stage.has("tags") && stage.get("tags").isEmpty()) {
                stage.remove("tags");
            }
            checkCanary(tx, apiId, stage);
            CacheClusters.settle(stage);
            checkVariables(stage);
            tx.putStage(apiId, stage);
            return stage;
        });
    }

    public ObjectNode getStage(String account, String region, String apiId, String stageName) {
        return store.read(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            return requireStage(tx, apiId, stageName);
        });
    }

    public List<ObjectNode> listStages(String account, String region, String apiId, String deploymentId) {
        return store.read(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            return tx.stages(apiId).stream()
                    .filter(s -> deploymentId == null || deploymentId.equals(s.path("deploymentId").asText())).toList();
        });
    }

    public ObjectNode updateStage(String account, String region, String apiId, String stageName, List<PatchApplier.Operation> ops) {
        return store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            ObjectNode stage = requireStage(tx, apiId, stageName);
            PatchApplier.apply(stage, MethodSettingsPatch.apply(stage, CanaryPatch.apply(stage, ops)), STAGE_PATCH);
            String deploymentId = stage.path("deploymentId").asText("");
            if (tx.deployment(apiId, deploymentId).isEmpty()) {
                throw ApiGatewayException.badRequest("Deployment id does not exist");
            }
            checkCanary(tx, apiId, stage);
            CacheClusters.settle(stage);
            checkVariables(stage);
            stage.put("lastUpdatedDate", clock.instant().getEpochSecond());
            tx.putStage(apiId, stage);
            return stage;
        });
    }

    public void deleteStage(String account, String region, String apiId, String stageName) {
        store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            if (!tx.deleteStage(apiId, stageName)) {
                throw ApiGatewayException.notFound("Invalid Stage identifier specified");
            }
            return null;
        });
    }

    public Map<String, String> retagStage(String account, String region, String apiId, String stageName, Map<String, String> add,
                                          List<String> remove) {
        return store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            ObjectNode stage = requireStage(tx, apiId, stageName);
            ObjectNode tags = Tags.apply(stage, add, remove);
            tx.putStage(apiId, stage);
            return Tags.toMap(tags);
        });
    }

    /** What the data plane serves: the stage and its deployment's frozen resources, if both exist. */
    public Optional<Deployed> deployed(String apiId, String stageName) {
        return served.get(apiId + "/" + stageName, store.writeCount(), () -> read(apiId, stageName));
    }

    /**
     * What the stage's canary serves: its canary deployment's resources, with the stage's variables
     * overridden by the canary's {@code stageVariableOverrides}; empty when the stage has no canary.
     */
    public Optional<Deployed> canary(String apiId, String stageName) {
        return served.get(apiId + "/" + stageName + "#canary", store.writeCount(), () -> store.read(tx -> {
            Optional<SqlRestApiStore.ApiRow> api = tx.api(apiId);
            Optional<ObjectNode> stage = tx.stage(apiId, stageName);
            if (api.isEmpty() || stage.isEmpty() || !stage.get().path("canarySettings").hasNonNull("deploymentId")) {
                return Optional.<Deployed>empty();
            }
            ObjectNode s = stage.get().deepCopy();
            ObjectNode variables = s.get("variables") instanceof ObjectNode o ? o : s.putObject("variables");
            s.path("canarySettings").path("stageVariableOverrides").fields()
                    .forEachRemaining(e -> variables.set(e.getKey(), e.getValue().deepCopy()));
            return tx.deployment(apiId, s.path("canarySettings").path("deploymentId").asText())
                    .map(d -> new Deployed(api.get().account(), api.get().region(), api.get().doc(), s, d.doc().get("id").asText(),
                            d.snapshot()));
        }));
    }

    private Optional<Deployed> read(String apiId, String stageName) {
        return store.read(tx -> {
            Optional<SqlRestApiStore.ApiRow> api = tx.api(apiId);
            Optional<ObjectNode> stage = tx.stage(apiId, stageName);
            if (api.isEmpty() || stage.isEmpty()) {
                return Optional.empty();
            }
            return tx.deployment(apiId, stage.get().path("deploymentId").asText())
                    .map(d -> new Deployed(api.get().account(), api.get().region(), api.get().doc(), stage.get(), d.doc().get("id").asText(),
                            d.snapshot()));
        });
    }

    /**
     * The models, request validators and gateway responses a deployment froze, as
     * {@code {kind: {key: doc}}} (see {@link SqlRestApiStore.Tx#freezeItems}); they never change.
     */
    public ObjectNode deployedItems(String apiId, String deploymentId) {
        return store.read(tx -> tx.frozenItems(apiId, deploymentId));
    }

    /** A stage as served: the API's owner, the stage, and the deployment's id and resource tree. */
    public record Deployed(String account, String region, ObjectNode api, ObjectNode stage, String deploymentId, ArrayNode resources) {
    }

    private ObjectNode newStage(String name, String deploymentId, String description) {
        long now = clock.instant().getEpochSecond();
        ObjectNode stage = JsonNodeFactory.instance.objectNode();
        stage.put("deploymentId", deploymentId);
        stage.put("stageName", name);
        if (description != null) {
            stage.put("description", description);
        }
        stage.put("cacheClusterEnabled", false);
        stage.put("cacheClusterStatus", "NOT_AVAILABLE");
        stage.putObject("methodSettings");
        stage.put("tracingEnabled", false);
        stage.put("createdDate", now);
        stage.put("lastUpdatedDate", now);
        return stage;
    }

    private static ObjectNode summary(ArrayNode snapshot) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (JsonNode resource : snapshot) {
            if (resource.path("resourceMethods").isEmpty()) {
                continue;
            }
            ObjectNode methods = out.putObject(resource.path("path").asText());
            resource.path("resourceMethods").fields().forEachRemaining(m -> methods.putObject(m.getKey())
                    .put("authorizationType", m.getValue().path("authorizationType").asText("NONE"))
                    .put("apiKeyRequired", m.getValue().path("apiKeyRequired").asBoolean(false)));
        }
        return out;
    }

    private static void copy(ObjectNode from, ObjectNode to, String... fields) {
        for (String f : fields) {
            if (from.hasNonNull(f)) {
                to.set(f, from.get(f).deepCopy());
            }
        }
    }

    /** A canary's deployment must exist and its traffic share lie within 0 to 100. */
    private static void checkCanary(SqlRestApiStore.Tx tx, String apiId, ObjectNode stage) throws SQLException {
        JsonNode canary = stage.get("canarySettings");
        if (canary == null || canary.isNull()) {
            return;
        }
        if (canary.has("percentTraffic")) {
            CanaryPatch.percent(canary.get("percentTraffic").asText());
        }
        if (canary.hasNonNull("deploymentId") && tx.deployment(apiId, canary.get("deploymentId").asText()).isEmpty()) {
            throw ApiGatewayException.badRequest("Deployment id does not exist");
        }
    }

    private static void checkStageName(String name) {
        if (!name.matches("[a-zA-Z0-9_\\-]{1,128}")) {
            throw ApiGatewayException.badRequest("Stage name only allows a-zA-Z0-9_-");
        }
    }

    private static void checkVariables(ObjectNode stage) {
        stage.path("variables").fields().forEachRemaining(e -> {
            if (!e.getKey().matches("[A-Za-z0-9_]{1,64}")) {
                throw ApiGatewayException.badRequest("Stage variable name " + e.getKey() + " does not match the pattern [A-Za-z0-9_]{1,64}");
            }
            if (!e.getValue().asText().matches("[A-Za-z0-9\\-._~:/?#&=,]{1,512}")) {
                throw ApiGatewayException.badRequest("Stage variable value " + e.getValue().asText()
                        + " does not match the pattern [A-Za-z0-9-._~:/?#&=,]+");
            }
        });
    }

    private static SqlRestApiStore.DeploymentRow requireDeployment(SqlRestApiStore.Tx tx, String apiId, String deploymentId)
            throws SQLException {
        return tx.deployment(apiId, deploymentId).orElseThrow(() -> ApiGatewayException.notFound("Invalid Deployment identifier specified"));
    }

    private static ObjectNode requireStage(SqlRestApiStore.Tx tx, String apiId, String stageName) throws SQLException {
        return tx.stage(apiId, stageName).orElseThrow(() -> ApiGatewayException.notFound("Invalid Stage identifier specified"));
    }
}
