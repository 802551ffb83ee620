package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;

import java.util.List;

/**
 * Stages and deployments. A deployment freezes the API's routes, integrations and authorizers
 * (item kind {@code snapshot}, same id) and a stage serves the deployment it points at; an
 * auto-deploying stage serves the API as it is now (each change is deployed at once).
 */
final class StageService {

    static final String DEPLOYMENT = "deployment";
    static final String SNAPSHOT = "snapshot";

    private final V2Items items;

    StageService(V2Items items) {
        this.items = items;
    }

    ObjectNode createStage(String account, String region, String apiId, ObjectNode in) {
        items.api(account, region, apiId);
        String name = V2Items.require(in, "stageName", "StageName is required");
        checkDeployment(apiId, in);
        ObjectNode stage = in.objectNode();
        stage.setAll(in);
        stage.put("autoDeploy", in.path("autoDeploy").asBoolean(false));
        stage.put("createdDate", items.now());
        stage.put("lastUpdatedDate", items.now());
        if (!stage.has("defaultRouteSettings")) {
            stage.putObject("defaultRouteSettings").put("detailedMetricsEnabled", false);
        }
        if (!stage.has("routeSettings")) {
            stage.putObject("routeSettings");
        }
        if (!stage.has("stageVariables")) {
            stage.putObject("stageVariables");
        }
        V2Items.tags(stage);
        items.insert(HttpApiService.STAGE, apiId, name, stage, "Stage already exists");
        return stage;
    }

    ObjectNode getStage(String account, String region, String apiId, String name) {
        items.api(account, region, apiId);
        return items.get(HttpApiService.STAGE, apiId, name, "Stage");
    }

    List<ObjectNode> stages(String account, String region, String apiId) {
        items.api(account, region, apiId);
        return items.list(HttpApiService.STAGE, apiId);
    }

    ObjectNode updateStage(String account, String region, String apiId, String name, ObjectNode in) {
        ObjectNode stage = getStage(account, region, apiId, name);
        in.remove("stageName");
        checkDeployment(apiId, in);
        V2Items.merge(stage, in);
        stage.put("lastUpdatedDate", items.now());
        items.replace(HttpApiService.STAGE, apiId, name, stage);
        return stage;
    }

    void deleteStage(String account, String region, String apiId, String name) {
        items.api(account, region, apiId);
        items.delete(HttpApiService.STAGE, apiId, name, "Stage");
    }

    /** DeleteAccessLogSettings and DeleteRouteSettings: one member of a stage removed. */
    void removeFromStage(String account, String region, String apiId, String name, String member, String routeKey) {
        ObjectNode stage = getStage(account, region, apiId, name);
        if (routeKey == null) {
            stage.remove(member);
        } else if (stage.path(member).isObject() && ((ObjectNode) stage.get(member)).remove(routeKey) == null) {
            throw ApiGatewayException.notFound("Invalid route settings key specified " + routeKey);
        }
        items.replace(HttpApiService.STAGE, apiId, name, stage);
    }

    private void checkDeployment(String apiId, ObjectNode in) {
        String id = in.path("deploymentId").asText("");
        if (!id.isEmpty() && items.store().find(DEPLOYMENT, apiId, id).isEmpty()) {
            throw ApiGatewayException.notFound("Invalid Deployment identifier specified " + id);
        }
    }

    // deployments

    ObjectNode createDeployment(String account, String region, String apiId, ObjectNode in) {
        items.api(account, region, apiId);
        String stageName = in.path("stageName").asText("");
        ObjectNode stage = stageName.isEmpty() ? null : items.get(HttpApiService.STAGE, apiId, stageName, "Stage");
        if (stage != null && stage.path("autoDeploy").asBoolean(false)) {
            throw ApiGatewayException.badRequest("Stage " + stageName + " is configured for auto deploy and cannot be deployed manually");
        }
        String id = items.childId();
        ObjectNode deployment = in.objectNode();
        deployment.put("deploymentId", id);
        deployment.put("autoDeployed", false);
        deployment.put("createdDate", items.now());
        deployment.put("deploymentStatus", "DEPLOYED");
        if (in.has("description")) {
            deployment.put("description", in.get("description").asText());
        }
        ObjectNode snapshot = in.objectNode();
        snapshot.putArray("routes").addAll(items.list(HttpApiService.ROUTE, apiId));
        snapshot.putArray("integrations").addAll(items.list(HttpApiService.INTEGRATION, apiId));
        snapshot.putArray("authorizers").addAll(items.list(AuthorizerApi.AUTHORIZERS.kind(), apiId));
        // WebSocket APIs answer two-way routes from these (see v2.ws.WsConfig)
        ObjectNode routeResponses = snapshot.putObject("routeResponses");
        ObjectNode integrationResponses = snapshot.putObject("integrationResponses");
        items.list(HttpApiService.ROUTE, apiId).forEach(route -> routeResponses.putArray(route.path("routeId").asText()).addAll(items.list(RouteApi.RESPONSES.kind(), apiId + "/" + route.path("routeId").asText())));
        items.list(HttpApiService.INTEGRATION, apiId).forEach(i -> integrationResponses.putArray(i.path("integrationId").asText()).addAll(items.list(IntegrationApi.RESPONSES.kind(), apiId + "/" + i.path("integrationId").asText())));
        items.insert(DEPLOYMENT, apiId, id, deployment, "Deployment exists");
        items.insert(SNAPSHOT, apiId, id, snapshot, "Deployment exists");
        if (stage != null) {
            stage.put("deploymentId", id);
            stage.put("lastUpdatedDate", items.now());
            items.replace(HttpApiService.STAGE, apiId, stageName, stage);
        }
        return deployment;
    }

    ObjectNode getDeployment(String account, String region, String apiId, String id) {
        items.api(account, region, apiId);
        return items.get(DEPLOYMENT, apiId, id, "Deployment");
    }

    List<ObjectNode> deployments(String account, String region, String apiId) {
        items.api(account, region, apiId);
        return items.list(DEPLOYMENT, apiId);
    }

    ObjectNode updateDeployment(String account, String region, String apiId, String id, ObjectNode in) {
        ObjectNode d = getDeployment(account, region, apiId, id);
        if (in.has("description")) {
            d.put("description", in.get("description").asText());
        }
        items.replace(DEPLOYMENT, apiId, id, d);
        return d;
    }

    void deleteDeployment(String account, String region, String apiId, String id) {
        getDeployment(account, region, apiId, id);
        if (items.firstWhere(HttpApiService.STAGE, apiId, s -> s.path("deploymentId").asText().equals(id)).isPresent()) {
            throw ApiGatewayException.badRequest("Active stages pointing to this deployment must be moved or deleted");
        }
        items.store().delete(DEPLOYMENT, apiId, id);
        items.store().delete(SNAPSHOT, apiId, id);
    }
}
