package io.haneul.apigateway;

import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.openapi.OpenApiExporter;
import io.haneul.apigateway.openapi.OpenApiReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * GetExport: a stage's deployment written as OpenAPI 3.0 or Swagger 2.0, in JSON or YAML (by the
 * Accept header, JSON by default), with the extensions asked for.
 */
public final class ExportService {

    private final RestApiService apis;
    private final DeploymentService deployments;
    private final OpenApiReader reader = new OpenApiReader();

    public ExportService(RestApiService apis, DeploymentService deployments) {
        this.apis = apis;
        this.deployments = deployments;
    }

    /** An exported document with its media type and download name. */
    public record Export(String contentType, String fileName, byte[] body) {
    }

    public Export export(String account, String region, String apiId, String stageName, String exportType, String extensions,
                         String accept) {
        ObjectNode api = apis.get(account, region, apiId);
        String type = exportType == null ? "" : exportType.toLowerCase(Locale.ROOT);
        if (!type.equals("oas30") && !type.equals("swagger")) {
            throw ApiGatewayException.badRequest("Invalid export type specified: " + exportType + ". Valid values are oas30, swagger");
        }
        deployments.getStage(account, region, apiId, stageName);
        DeploymentService.Deployed deployed = deployments.deployed(apiId, stageName)
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid stage identifier specified"));
        ObjectNode doc = OpenApiExporter.export(api, stageName, deployed.resources(), deployments.deployedItems(apiId, deployed.deploymentId()),
                apiId + ".execute-api." + region + ".amazonaws.com", type.equals("oas30"), OpenApiExporter.extensions(extensions));
        boolean yaml = accept != null && accept.toLowerCase(Locale.ROOT).contains("yaml");
        String name = api.path("name").asText() + "-" + stageName + "-" + type + (yaml ? ".yaml" : ".json");
        return yaml ? new Export("application/yaml", name, reader.yaml(doc)) : new Export("application/json", name, reader.json(doc));
    }
}
