package io.haneul.it.apigateway;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GatewayResponseType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static io.haneul.it.apigateway.ApiGatewayClients.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deployed APIs invoked over HTTP (java.net.http): request validators checking required parameters
 * and bodies against models (AWS's 400 messages), and gateway responses customising those and the
 * invoke plane's other errors, applied only once deployed.
 */
class ApiGatewayValidationIT {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String PET = "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"object\",\"required\":[\"name\",\"price\"],"
            + "\"properties\":{\"name\":{\"type\":\"string\"},\"price\":{\"type\":\"number\",\"minimum\":0},"
            + "\"owner\":{\"$ref\":\"https://apigateway.amazonaws.com/restapis/%s/models/Owner\"}}}";
    static final String OWNER = "{\"type\":\"object\",\"required\":[\"id\"],\"properties\":{\"id\":{\"type\":\"integer\"}}}";
    static TestServer server;
    static ApiGatewayClient apigw;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        apigw = ApiGatewayClients.client(server);
    }

    @AfterAll
    static void stop() throws Exception {
        apigw.close();
        server.close();
    }

    static HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String errorType(HttpResponse<String> r) {
        return r.headers().firstValue("x-amzn-ErrorType").orElse(null);
    }

    /** An API with POST /pets: MOCK answering 200, a validator for parameters and body, the Pet model for JSON bodies. */
    static String petApi(String name) {
        String api = apigw.createRestApi(b -> b.name(name)).id();
        apigw.createModel(b -> b.restApiId(api).name("Owner").contentType("application/json").schema(OWNER));
        apigw.createModel(b -> b.restApiId(api).name("Pet").contentType("application/json").schema(PET.formatted(api)));
        String validator = apigw.createRequestValidator(b -> b.restApiId(api).name("all").validateRequestBody(true)
                .validateRequestParameters(true)).id();
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        String pets = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("pets")).id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(pets).httpMethod("POST").authorizationType("NONE").requestValidatorId(validator)
                .requestParameters(Map.of("method.request.querystring.store", true, "method.request.header.X-Tenant", true,
                        "method.request.querystring.optional", false))
                .requestModels(Map.of("application/json", "Pet")));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(pets).httpMethod("POST").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}", "text/plain", "{\"statusCode\": 200}")));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(pets).httpMethod("POST").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(pets).httpMethod("POST").statusCode("200")
                .responseTemplates(Map.of("application/json", "{\"ok\":true}")));
        return api;
    }

    @Test
    void validatorRefusesMissingParametersAndInvalidBodies() throws Exception {
        String api = petApi("validate");
        apigw.createDeployment(b -> b.restApiId(api).stageName("v1"));
        String url = "/_aws/execute-api/" + api + "/v1/pets";
        String good = "{\"name\":\"rex\",\"price\":3,\"owner\":{\"id\":7}}";

        HttpResponse<String> noParams = call("POST", url, good, "Content-Type", "application/json");
        assertEquals(400, noParams.statusCode());
        assertEquals("{\"message\":\"Missing required request parameters: [X-Tenant, store]\"}", noParams.body());
        assertEquals("BadRequestException", errorType(noParams));
        HttpResponse<String> blank = call("POST", url + "?store=", good, "Content-Type", "application/json", "X-Tenant", "t1");
        assertEquals("{\"message\":\"Missing required request parameters: [store]\"}", blank.body());

        String withParams = url + "?store=main";
        for (String bad : new String[]{"{\"name\":\"rex\"}", "{\"name\":\"rex\",\"price\":-1}", "{\"name\":\"rex\",\"price\":1,\"owner\":{\"id\":\"x\"}}",
                "not json", "[1]"}) {
            HttpResponse<String> r = call("POST", withParams, bad, "Content-Type", "application/json", "X-Tenant", "t1");
            assertEquals(400, r.statusCode(), bad);
            assertEquals("{\"message\":\"Invalid request body\"}", r.body(), bad);
            assertEquals("BadRequestException", errorType(r));
        }
        HttpResponse<String> ok = call("POST", withParams, good, "Content-Type", "application/json; charset=utf-8", "X-Tenant", "t1");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("{\"ok\":true}", ok.body());
        // no model for text/plain and no $default: the body is not validated
        assertEquals(200, call("POST", withParams, "anything", "Content-Type", "text/plain", "X-Tenant", "t1").statusCode());
    }

    @Test
    void validationFollowsTheDeploymentNotTheEditedApi() throws Exception {
        String api = petApi("deployed-validation");
        apigw.createDeployment(b -> b.restApiId(api).stageName("v1"));
        String url = "/_aws/execute-api/" + api + "/v1/pets?store=main";
        apigw.updateModel(b -> b.restApiId(api).modelName("Pet").patchOperations(op("replace", "/schema", OWNER)));
        String pet = "{\"name\":\"rex\",\"price\":3}";
        assertEquals(200, call("POST", url, pet, "Content-Type", "application/json", "X-Tenant", "t").statusCode());
        apigw.createDeployment(b -> b.restApiId(api).stageName("v1"));
        assertEquals(400, call("POST", url, pet, "Content-Type", "application/json", "X-Tenant", "t").statusCode());
    }

    @Test
    void gatewayResponsesCustomiseFailuresOnceDeployed() throws Exception {
        String api = petApi("responses");
        apigw.createDeployment(b -> b.restApiId(api).stageName("v1"));
        apigw.putGatewayResponse(b -> b.restApiId(api).responseType(GatewayResponseType.BAD_REQUEST_BODY).statusCode("422")
                .responseParameters(Map.of("gatewayresponse.header.X-Tenant", "method.request.header.X-Tenant",
                        "gatewayresponse.header.X-Kind", "'validation'", "gatewayresponse.header.X-Stage", "context.stage"))
                .responseTemplates(Map.of("application/json", "{\"type\":\"$context.error.responseType\",\"msg\":$context.error.messageString,"
                        + "\"raw\":\"$context.error.message\",\"errors\":\"$util.escapeJavaScript($context.error.validationErrorString)\"}")));
        apigw.putGatewayResponse(b -> b.restApiId(api).responseType(GatewayResponseType.DEFAULT_4_XX)
                .responseParameters(Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'"))
                .responseTemplates(Map.of("application/json", "{\"error\":$context.error.messageString,\"id\":\"$context.requestId\"}")));
        String url = "/_aws/execute-api/" + api + "/v1/pets?store=main";
        String bad = "{\"price\":-2}";

        HttpResponse<String> before = call("POST", url, bad, "Content-Type", "application/json", "X-Tenant", "t9");
        assertEquals(400, before.statusCode());
        assertEquals("{\"message\":\"Invalid request body\"}", before.body());

        apigw.createDeployment(b -> b.restApiId(api).stageName("v1"));
        HttpResponse<String> after = call("POST", url, bad, "Content-Type", "application/json", "X-Tenant", "t9");
        assertEquals(422, after.statusCode());
        assertEquals("t9", after.headers().firstValue("X-Tenant").orElse(null));
        assertEquals("validation", after.headers().firstValue("X-Kind").orElse(null));
        assertEquals("v1", after.headers().firstValue("X-Stage").orElse(null));
        assertEquals("BadRequestException", errorType(after));
        assertEquals("{\"type\":\"BAD_REQUEST_BODY\",\"msg\":\"Invalid request body\",\"raw\":\"Invalid request body\",\"errors\":\"["
                + "numeric instance is lower than the required minimum (minimum: 0, found: -2), "
                + "object has missing required properties ([\\\"name\\\"])]\"}", after.body());

        // DEFAULT_4XX covers the other 4XX types: missing parameters, and routes that do not exist
        HttpResponse<String> params = call("POST", "/_aws/execute-api/" + api + "/v1/pets", "{}", "Content-Type", "application/json");
        assertEquals(400, params.statusCode());
        assertEquals("*", params.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("{\"error\":\"Missing required request parameters: [X-Tenant, store]\",\"id\":\""
                + params.headers().firstValue("x-amzn-RequestId").orElseThrow() + "\"}", params.body());
        HttpResponse<String> nowhere = call("GET", "/_aws/execute-api/" + api + "/v1/nowhere", null);
        assertEquals(403, nowhere.statusCode());
        assertEquals("MissingAuthenticationTokenException", errorType(nowhere));
        assertEquals("*", nowhere.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(nowhere.body().startsWith("{\"error\":\"Missing Authentication Token\",\"id\":\""), nowhere.body());
        // an API or stage that does not exist has nothing to customise
        HttpResponse<String> noStage = call("GET", "/_aws/execute-api/" + api + "/v2/pets", null);
        assertEquals("{\"message\":\"Missing Authentication Token\"}", noStage.body());
    }

    @Test
    void defaultFiveXxCustomisesIntegrationErrors() throws Exception {
        String api = apigw.createRestApi(b -> b.name("five")).id();
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        apigw.putMethod(b -> b.restApiId(api).resourceId(root).httpMethod("GET").authorizationType("NONE"));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 500}")));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(root).httpMethod("GET").statusCode("200").selectionPattern("2\\d\\d"));
        apigw.createDeployment(b -> b.restApiId(api).stageName("v1"));
        String url = "/_aws/execute-api/" + api + "/v1/";

        HttpResponse<String> plain = call("GET", url, null);
        assertEquals(500, plain.statusCode());
        assertEquals("{\"message\": \"Internal server error\"}", plain.body());
        assertEquals("InternalServerErrorException", errorType(plain));

        apigw.putGatewayResponse(b -> b.restApiId(api).responseType(GatewayResponseType.DEFAULT_5_XX).statusCode("503")
                .responseParameters(Map.of("gatewayresponse.header.X-Kind", "stageVariables.kind"))
                .responseTemplates(Map.of("application/json", "{\"failed\":\"$context.error.responseType\"}",
                        "text/plain", "failed: $context.error.message")));
        apigw.createDeployment(b -> b.restApiId(api).stageName("v1").variables(Map.of("kind", "mock")));
        HttpResponse<String> custom = call("GET", url, null);
        assertEquals(503, custom.statusCode());
        assertEquals("mock", custom.headers().firstValue("X-Kind").orElse(null));
        assertEquals("{\"failed\":\"API_CONFIGURATION_ERROR\"}", custom.body());
        HttpResponse<String> text = call("GET", url, null, "Accept", "text/plain");
        assertEquals("failed: Internal server error", text.body());
        assertEquals("text/plain", text.headers().firstValue("Content-Type").orElse(null));
    }
}
