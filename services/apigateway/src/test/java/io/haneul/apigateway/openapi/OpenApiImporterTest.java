package io.haneul.apigateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiImporterTest {

    static ImportPlan plan(String yaml, Map<String, String> params) {
        AtomicInteger n = new AtomicInteger();
        return new OpenApiImporter(() -> "id" + n.incrementAndGet())
                .plan(new OpenApiReader().read(yaml.getBytes(StandardCharsets.UTF_8)), ImportOptions.of(params));
    }

    static final String DOC = """
            swagger: "2.0"
            info: {title: t, version: "1"}
            basePath: /api/v1
            consumes: [application/json]
            x-amazon-apigateway-request-validators:
              all: {validateRequestBody: true, validateRequestParameters: true}
            x-amazon-apigateway-request-validator: all
            x-amazon-apigateway-gateway-responses:
              DEFAULT_4XX: {statusCode: "400", responseTemplates: {application/json: '{"m": $context.error.messageString}'}}
            securityDefinitions:
              tok:
                type: apiKey
                name: Authorization
                in: header
                x-amazon-apigateway-authtype: custom
                x-amazon-apigateway-authorizer: {type: token, authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/fn", authorizerResultTtlInSeconds: 60}
              sig: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
            definitions:
              Pet: {type: object}
            paths:
              /pets/{id}:
                parameters: [{name: id, in: path, required: true, type: string}]
                put:
                  security: [{tok: []}]
                  parameters:
                    - {name: body, in: body, schema: {$ref: "#/definitions/Pet"}}
                    - {name: X-Trace, in: header, required: true, type: string}
                  responses: {"200": {description: ok, schema: {$ref: "#/definitions/Pet"}}}
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
                delete:
                  security: [{sig: []}]
                  x-amazon-apigateway-request-validator: none
                  responses: {}
            """;

    @Test
    void mapsMethodsSecurityValidatorsAndExtensions() {
        ImportPlan plan = plan(DOC, Map.of("basepath", "prepend"));
        JsonNode put = plan.methods().get("/api/v1/pets/{id}").get("PUT");
        assertEquals("CUSTOM", put.get("authorizationType").asText());
        assertEquals(plan.authorizers().getFirst().get("id").asText(), put.get("authorizerId").asText());
        assertEquals("TOKEN", plan.authorizers().getFirst().get("type").asText());
        assertEquals("method.request.header.Authorization", plan.authorizers().getFirst().get("identitySource").asText());
        assertEquals(true, put.get("requestParameters").get("method.request.path.id").asBoolean());
        assertEquals(true, put.get("requestParameters").get("method.request.header.X-Trace").asBoolean());
        assertEquals("Pet", put.get("requestModels").get("application/json").asText());
        assertEquals(plan.requestValidators().getFirst().get("id").asText(), put.get("requestValidatorId").asText());
        assertEquals("AWS_PROXY", put.get("methodIntegration").get("type").asText());
        JsonNode delete = plan.methods().get("/api/v1/pets/{id}").get("DELETE");
        assertEquals("AWS_IAM", delete.get("authorizationType").asText());
        assertTrue(plan.warnings().getFirst().contains("'none'"), plan.warnings()::toString);
        assertEquals("DEFAULT_4XX", plan.gatewayResponses().getFirst().get("responseType").asText());
        assertEquals("Pet", plan.models().getFirst().get("name").asText());
    }

    @Test
    void basePathModes() {
        assertTrue(plan(DOC, Map.of()).methods().containsKey("/pets/{id}"));
        assertTrue(plan(DOC, Map.of("basepath", "split")).methods().containsKey("/v1/pets/{id}"));
        assertThrows(ApiGatewayException.class, () -> plan(DOC, Map.of("basepath", "other")));
    }

    @Test
    void integrationResponsesKeyedBySelectionPattern() {
        JsonNode integration = IntegrationExtension.toIntegration(new OpenApiReader().read("""
                {"openapi": "3.0.1", "x": {"type": "HTTP", "passthroughBehavior": "never",
                 "responses": {"default": {"statusCode": "200"}, "4\\\\d{2}": {"statusCode": "400"}}}}
                """.getBytes(StandardCharsets.UTF_8)).get("x"));
        assertEquals("NEVER", integration.get("passthroughBehavior").asText());
        assertEquals("4\\d{2}", integration.get("integrationResponses").get("400").get("selectionPattern").asText());
        assertTrue(!integration.get("integrationResponses").get("200").has("selectionPattern"));
        JsonNode back = IntegrationExtension.toExtension(integration);
        assertEquals("400", back.get("responses").get("4\\d{2}").get("statusCode").asText());
        assertEquals("http", back.get("type").asText());
    }
}
