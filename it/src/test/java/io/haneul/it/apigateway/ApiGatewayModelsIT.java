package io.haneul.it.apigateway;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.GatewayResponse;
import software.amazon.awssdk.services.apigateway.model.GatewayResponseType;
import software.amazon.awssdk.services.apigateway.model.GetGatewayResponsesResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Model;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.haneul.it.apigateway.ApiGatewayClients.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models, request validators and gateway responses through the SDK v2 client: AWS's default models
 * and gateway responses, schema checks and their errors, references between models, the model
 * template, and the patch operations of each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayModelsIT {

    static final String PET = "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"object\",\"required\":[\"name\"],"
            + "\"properties\":{\"name\":{\"type\":\"string\"},\"price\":{\"type\":\"number\"},\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";

    ApiGatewayClient apigw;
    TestServer server;

    @BeforeAll
    void start() {
        server = newServer();
        apigw = ApiGatewayClients.client(server);
    }

    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        apigw.close();
        server.close();
    }

    static String ref(String api, String model) {
        return "https://apigateway.amazonaws.com/restapis/" + api + "/models/" + model;
    }

    @Test
    void newApiHasAwsDefaultModels() {
        String api = apigw.createRestApi(b -> b.name("defaults")).id();
        Map<String, Model> models = apigw.getModels(b -> b.restApiId(api)).items().stream()
                .collect(Collectors.toMap(Model::name, m -> m));
        assertEquals(List.of("Empty", "Error"), models.keySet().stream().sorted().toList());
        Model empty = models.get("Empty");
        assertEquals("This is a default empty schema model", empty.description());
        assertEquals("application/json", empty.contentType());
        assertEquals("{\n  \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Empty Schema\",\n  \"type\" : \"object\"\n}",
                empty.schema());
        assertEquals(6, empty.id().length());
        assertEquals("This is a default error schema model", models.get("Error").description());
        assertTrue(models.get("Error").schema().contains("\"message\" : { \"type\" : \"string\" }"));
        assertEquals("#set($inputRoot = $input.path('$'))\n{ }",
                apigw.getModelTemplate(b -> b.restApiId(api).modelName("Empty")).value());
    }

    @Test
    void modelLifecycleWithSchemaChecksAndReferences() {
        String api = apigw.createRestApi(b -> b.name("models")).id();
        var pet = apigw.createModel(b -> b.restApiId(api).name("Pet").contentType("application/json").schema(PET).description("a pet"));
        assertEquals("Pet", pet.name());
        assertEquals(PET, apigw.getModel(b -> b.restApiId(api).modelName("Pet")).schema());

        ConflictException dup = assertThrows(ConflictException.class, () -> apigw.createModel(b -> b.restApiId(api).name("Pet")
                .contentType("application/json").schema(PET)));
        assertEquals("Model name already exists for this REST API", dup.awsErrorDetails().errorMessage());
        BadRequestException notJson = assertThrows(BadRequestException.class, () -> apigw.createModel(b -> b.restApiId(api).name("Bad")
                .contentType("application/json").schema("{\"type\": ")));
        assertEquals("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]",
                notJson.awsErrorDetails().errorMessage());
        BadRequestException badType = assertThrows(BadRequestException.class, () -> apigw.createModel(b -> b.restApiId(api).name("Bad")
                .contentType("application/json").schema("{\"type\":\"strin\"}")));
        assertEquals("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]",
                badType.awsErrorDetails().errorMessage());
        BadRequestException notCanonical = assertThrows(BadRequestException.class, () -> apigw.createModel(b -> b.restApiId(api)
                .name("Bad").contentType("application/json").schema("{\"type\":\"object\",\"properties\":{\"p\":{\"$ref\":\"Pet\"}}}")));
        assertEquals("Invalid model specified: Validation Result: warnings : [], errors : [Model reference must be in canonical form]",
                notCanonical.awsErrorDetails().errorMessage());
        BadRequestException missingRef = assertThrows(BadRequestException.class, () -> apigw.createModel(b -> b.restApiId(api)
                .name("Bad").contentType("application/json")
                .schema("{\"type\":\"object\",\"properties\":{\"p\":{\"$ref\":\"" + ref(api, "Nope") + "\"}}}")));
        assertEquals("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model name specified: Nope]",
                missingRef.awsErrorDetails().errorMessage());

        String store = "{\"type\":\"object\",\"properties\":{\"pets\":{\"type\":\"array\",\"items\":{\"$ref\":\"" + ref(api, "Pet") + "\"}}}}";
        apigw.createModel(b -> b.restApiId(api).name("Store").contentType("application/json").schema(store));
        assertEquals("#set($inputRoot = $input.path('$'))\n{\n  \"pets\" : [\n#foreach($elem in $inputRoot.pets)\n    {\n"
                        + "      \"name\" : \"$elem.name\",\n      \"price\" : $elem.price,\n      \"tags\" : [\n#foreach($elem in $elem.tags)\n"
                        + "        \"$elem\"#if($foreach.hasNext),#end\n#end\n      ]\n    }#if($foreach.hasNext),#end\n#end\n  ]\n}",
                apigw.getModelTemplate(b -> b.restApiId(api).modelName("Store")).value());
        String flat = apigw.getModel(b -> b.restApiId(api).modelName("Store").flatten(true)).schema();
        assertFalse(flat.contains("$ref"), flat);
        assertTrue(flat.contains("\"required\":[\"name\"]"), flat);

        var updated = apigw.updateModel(b -> b.restApiId(api).modelName("Pet").patchOperations(op("replace", "/description", "dog")));
        assertEquals("dog", updated.description());
        BadRequestException badUpdate = assertThrows(BadRequestException.class, () -> apigw.updateModel(b -> b.restApiId(api)
                .modelName("Pet").patchOperations(op("replace", "/schema", "[]"))));
        assertTrue(badUpdate.awsErrorDetails().errorMessage().startsWith("Invalid model specified"));
        BadRequestException badPath = assertThrows(BadRequestException.class, () -> apigw.updateModel(b -> b.restApiId(api)
                .modelName("Pet").patchOperations(op("replace", "/name", "Cat"))));
        assertEquals("Invalid patch path  '/name' specified for op 'replace'. Must be one of: [/description, /schema]",
                badPath.awsErrorDetails().errorMessage());

        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        String pets = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("pets")).id();
        BadRequestException unknownModel = assertThrows(BadRequestException.class, () -> apigw.putMethod(b -> b.restApiId(api)
                .resourceId(pets).httpMethod("POST").authorizationType("NONE").requestModels(Map.of("application/json", "Nope"))));
        assertEquals("Invalid model identifier specified: Nope", unknownModel.awsErrorDetails().errorMessage());
        BadRequestException unknownValidator = assertThrows(BadRequestException.class, () -> apigw.putMethod(b -> b.restApiId(api)
                .resourceId(pets).httpMethod("POST").authorizationType("NONE").requestValidatorId("zzzzzz")));
        assertEquals("Invalid Request Validator identifier specified", unknownValidator.awsErrorDetails().errorMessage());
        apigw.putMethod(b -> b.restApiId(api).resourceId(pets).httpMethod("POST").authorizationType("NONE")
                .requestModels(Map.of("application/json", "Pet")));
        ConflictException inUse = assertThrows(ConflictException.class, () -> apigw.deleteModel(b -> b.restApiId(api).modelName("Pet")));
        assertEquals("Cannot delete model 'Pet', is referenced in method request: /pets/POST", inUse.awsErrorDetails().errorMessage());
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(pets).httpMethod("POST").statusCode("200")
                .responseModels(Map.of("application/json", "Error")));
        ConflictException inResponse = assertThrows(ConflictException.class, () -> apigw.deleteModel(b -> b.restApiId(api).modelName("Error")));
        assertEquals("Cannot delete model 'Error', is referenced in method response: /pets/POST", inResponse.awsErrorDetails().errorMessage());
        apigw.putIntegration(b -> b.restApiId(api).resourceId(pets).httpMethod("POST").type(IntegrationType.MOCK));
        String deployment = apigw.createDeployment(b -> b.restApiId(api)).id();
        apigw.deleteDeployment(b -> b.restApiId(api).deploymentId(deployment));
        apigw.deleteMethod(b -> b.restApiId(api).resourceId(pets).httpMethod("POST"));
        apigw.deleteModel(b -> b.restApiId(api).modelName("Store"));
        apigw.deleteModel(b -> b.restApiId(api).modelName("Pet"));
        NotFoundException gone = assertThrows(NotFoundException.class, () -> apigw.getModel(b -> b.restApiId(api).modelName("Pet")));
        assertEquals("Invalid model name specified: Pet", gone.awsErrorDetails().errorMessage());
    }

    @Test
    void requestValidatorLifecycle() {
        String api = apigw.createRestApi(b -> b.name("validators")).id();
        var v = apigw.createRequestValidator(b -> b.restApiId(api).name("body-only").validateRequestBody(true));
        assertEquals(6, v.id().length());
        assertTrue(v.validateRequestBody());
        assertFalse(v.validateRequestParameters());
        assertEquals("body-only", apigw.getRequestValidator(b -> b.restApiId(api).requestValidatorId(v.id())).name());
        assertEquals(1, apigw.getRequestValidators(b -> b.restApiId(api)).items().size());
        var updated = apigw.updateRequestValidator(b -> b.restApiId(api).requestValidatorId(v.id())
                .patchOperations(op("replace", "/validateRequestParameters", "true"), op("replace", "/name", "both")));
        assertTrue(updated.validateRequestParameters());
        assertEquals("both", updated.name());
        BadRequestException badPath = assertThrows(BadRequestException.class, () -> apigw.updateRequestValidator(b -> b.restApiId(api)
                .requestValidatorId(v.id()).patchOperations(op("replace", "/id", "x"))));
        assertEquals("Invalid patch path  '/id' specified for op 'replace'. Must be one of: [/name, /validateRequestParameters, /validateRequestBody]",
                badPath.awsErrorDetails().errorMessage());
        apigw.deleteRequestValidator(b -> b.restApiId(api).requestValidatorId(v.id()));
        NotFoundException gone = assertThrows(NotFoundException.class,
                () -> apigw.getRequestValidator(b -> b.restApiId(api).requestValidatorId(v.id())));
        assertEquals("Invalid Request Validator identifier specified", gone.awsErrorDetails().errorMessage());
    }

    @Test
    void gatewayResponsesListEveryTypeWithDefaultsAndKeepCustomisations() {
        String api = apigw.createRestApi(b -> b.name("responses")).id();
        GetGatewayResponsesResponse all = apigw.getGatewayResponses(b -> b.restApiId(api));
        assertEquals(21, all.items().size());
        assertTrue(all.items().stream().allMatch(GatewayResponse::defaultResponse));
        GatewayResponse missing = all.items().stream().filter(r -> r.responseType() == GatewayResponseType.MISSING_AUTHENTICATION_TOKEN)
                .findFirst().orElseThrow();
        assertEquals("403", missing.statusCode());
        assertEquals(Map.of("application/json", "{\"message\":$context.error.messageString}"), missing.responseTemplates());
        var default4xx = apigw.getGatewayResponse(b -> b.restApiId(api).responseType(GatewayResponseType.DEFAULT_4_XX));
        assertNull(default4xx.statusCode());

        var put = apigw.putGatewayResponse(b -> b.restApiId(api).responseType(GatewayResponseType.BAD_REQUEST_BODY)
                .statusCode("422").responseParameters(Map.of("gatewayresponse.header.X-Why", "'invalid'"))
                .responseTemplates(Map.of("application/json", "{\"error\":\"$context.error.validationErrorString\"}")));
        assertFalse(put.defaultResponse());
        assertEquals("422", put.statusCode());
        var got = apigw.getGatewayResponse(b -> b.restApiId(api).responseType(GatewayResponseType.BAD_REQUEST_BODY));
        assertEquals(Map.of("gatewayresponse.header.X-Why", "'invalid'"), got.responseParameters());
        assertEquals(1, apigw.getGatewayResponses(b -> b.restApiId(api)).items().stream().filter(r -> !r.defaultResponse()).count());

        var patched = apigw.updateGatewayResponse(b -> b.restApiId(api).responseType(GatewayResponseType.THROTTLED)
                .patchOperations(op("replace", "/statusCode", "503"),
                        op("add", "/responseParameters/gatewayresponse.header.Retry-After", "'1'")));
        assertFalse(patched.defaultResponse());
        assertEquals("503", patched.statusCode());
        assertEquals("{\"message\":$context.error.messageString}", patched.responseTemplates().get("application/json"));
        BadRequestException badParam = assertThrows(BadRequestException.class, () -> apigw.putGatewayResponse(b -> b.restApiId(api)
                .responseType(GatewayResponseType.DEFAULT_4_XX).responseParameters(Map.of("gatewayresponse.header.X", "nonsense"))));
        assertTrue(badParam.awsErrorDetails().errorMessage().startsWith("Invalid mapping expression specified"));
        BadRequestException badStatus = assertThrows(BadRequestException.class, () -> apigw.putGatewayResponse(b -> b.restApiId(api)
                .responseType(GatewayResponseType.DEFAULT_4_XX).statusCode("999")));
        assertTrue(badStatus.awsErrorDetails().errorMessage().contains("'statusCode' failed to satisfy constraint"),
                badStatus.awsErrorDetails().errorMessage());

        apigw.deleteGatewayResponse(b -> b.restApiId(api).responseType(GatewayResponseType.BAD_REQUEST_BODY));
        assertTrue(apigw.getGatewayResponse(b -> b.restApiId(api).responseType(GatewayResponseType.BAD_REQUEST_BODY)).defaultResponse());
        NotFoundException notCustomised = assertThrows(NotFoundException.class, () -> apigw.deleteGatewayResponse(b -> b.restApiId(api)
                .responseType(GatewayResponseType.BAD_REQUEST_BODY)));
        assertEquals("Gateway response type not defined on api", notCustomised.awsErrorDetails().errorMessage());
        ApiGatewayException unknownType = assertThrows(ApiGatewayException.class, () -> apigw.getGatewayResponse(b -> b.restApiId(api)
                .responseType("NOT_A_TYPE")));
        assertEquals(400, unknownType.statusCode());
    }
}
