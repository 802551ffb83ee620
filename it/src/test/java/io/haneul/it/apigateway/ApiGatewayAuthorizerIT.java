package io.haneul.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.AuthorizerType;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.TestInvokeAuthorizerResponse;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.haneul.it.apigateway.ApiGatewayClients.ACCOUNT;
import static io.haneul.it.apigateway.ApiGatewayClients.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lambda authorizers on invoke, with a real Python authorizer run by Haneul's Lambda: TOKEN and
 * REQUEST events, identity sources and the validation expression (401 without calling the
 * function), the returned policy judged against the method ARN (explicit deny, not allowed), the
 * function's {@code Unauthorized} (401), unusable answers and unreachable functions (500
 * {@code {"message":null}}), caching by identity with the TTL, the principal and context handed to
 * mapping templates and to the proxy event; the authorizer control plane and TestInvokeAuthorizer.
 */
class ApiGatewayAuthorizerIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FUNCTION = """
            import json, uuid
            def policy(effect, resource):
                return {"Version": "2012-10-17", "Statement": [{"Action": "execute-api:Invoke", "Effect": effect, "Resource": resource}]}
            def handler(event, context):
                if "type" not in event:
                    return {"statusCode": 200, "body": json.dumps(event["requestContext"])}
                if event["type"] == "TOKEN":
                    token = event["authorizationToken"]
                else:
                    token = (event.get("queryStringParameters") or {}).get("token", "")
                everything = event["methodArn"].split("/")[0] + "/*"
                if token == "unauthorized":
                    raise Exception("Unauthorized")
                if token == "boom":
                    raise Exception("boom")
                if token == "garbage":
                    return {"nope": 1}
                if token == "deny":
                    doc = policy("Deny", everything)
                elif token == "exact":
                    doc = policy("Allow", event["methodArn"])
                elif token == "elsewhere":
                    doc = policy("Allow", everything.replace("/*", "/other/*"))
                else:
                    doc = policy("Allow", everything)
                ctx = {"token": token, "nonce": str(uuid.uuid4()), "n": 7, "flag": True}
                if event["type"] == "REQUEST":
                    ctx["event"] = json.dumps(event)
                return {"principalId": "user-" + token, "policyDocument": doc, "context": ctx, "usageIdentifierKey": "key-" + token}
            """;
    static final String ECHO = "{\"principal\":\"$context.authorizer.principalId\",\"token\":\"$context.authorizer.token\","
            + "\"nonce\":\"$context.authorizer.nonce\",\"n\":\"$context.authorizer.n\",\"flag\":\"$context.authorizer.flag\"}";

    static TestServer server;
    static ApiGatewayClient apigw;
    static LambdaClient lambda;
    static String api;
    static String uri;
    static String tokenAuthorizer;
    static String root;
    static String function;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        apigw = ApiGatewayClients.client(server);
        lambda = LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build();
        String name = "authorizer-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role("arn:aws:iam::" + ACCOUNT + ":role/r")
                .handler("app.handler").timeout(10).code(c -> c.zipFile(ApiGatewayLambdaProxyIT.zip("app.py", FUNCTION))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        function = name;
        uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name
                + "/invocations";
        api = apigw.createRestApi(b -> b.name("authorized")).id();
        root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        tokenAuthorizer = apigw.createAuthorizer(b -> b.restApiId(api).name("token").type(AuthorizerType.TOKEN).authorizerUri(uri)
                .identitySource("method.request.header.Authorization").identityValidationExpression("[a-z]+")).id();
        String uncached = apigw.createAuthorizer(b -> b.restApiId(api).name("uncached").type(AuthorizerType.TOKEN).authorizerUri(uri)
                .identitySource("method.request.header.Authorization").authorizerResultTtlInSeconds(0)).id();
        String request = apigw.createAuthorizer(b -> b.restApiId(api).name("request").type(AuthorizerType.REQUEST).authorizerUri(uri)
                .identitySource("method.request.header.X-Team, method.request.querystring.token").authorizerResultTtlInSeconds(0)).id();
        String locked = apigw.createAuthorizer(b -> b.restApiId(api).name("locked").type(AuthorizerType.TOKEN).authorizerUri(uri)
                .identitySource("method.request.header.Authorization").authorizerResultTtlInSeconds(0)).id();
        String missing = apigw.createAuthorizer(b -> b.restApiId(api).name("missing").type(AuthorizerType.TOKEN)
                .authorizerUri(uri.replace(name, "no-such-function")).identitySource("method.request.header.Authorization")).id();
        String cognito = apigw.createAuthorizer(b -> b.restApiId(api).name("pool").type(AuthorizerType.COGNITO_USER_POOLS)
                .providerARNs("arn:aws:cognito-idp:us-east-1:" + ACCOUNT + ":userpool/us-east-1_abc")
                .identitySource("method.request.header.Authorization")).id();
        // as on AWS, the function's resource policy must let API Gateway invoke it for each authorizer; "locked" is left out
        for (String id : List.of(tokenAuthorizer, uncached, request, missing)) {
            lambda.addPermission(b -> b.functionName(name).statementId("auth-" + id).action("lambda:InvokeFunction")
                    .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:" + ACCOUNT + ":" + api + "/authorizers/" + id));
        }
        lambda.addPermission(b -> b.functionName(name).statementId("proxy").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:" + ACCOUNT + ":" + api + "/*/GET/proxy"));

        String items = child(root, "items");
        mock(child(items, "{id}"), tokenAuthorizer, ECHO);
        mock(child(child(root, "nocache"), "{id}"), uncached, ECHO);
        mock(child(root, "req"), request, "$context.authorizer.event");
        mock(child(root, "locked"), locked, ECHO);
        mock(child(root, "missing"), missing, ECHO);
        String pool = child(root, "pool");
        apigw.putMethod(b -> b.restApiId(api).resourceId(pool).httpMethod("GET").authorizationType("COGNITO_USER_POOLS").authorizerId(cognito));
        integrate(pool, ECHO);
        String proxy = child(root, "proxy");
        apigw.putMethod(b -> b.restApiId(api).resourceId(proxy).httpMethod("GET").authorizationType("CUSTOM").authorizerId(uncached));
        apigw.putIntegration(b -> b.restApiId(api).resourceId(proxy).httpMethod("GET").type(IntegrationType.AWS_PROXY)
                .integrationHttpMethod("POST").uri(uri));
        String iam = child(root, "iam");
        apigw.putMethod(b -> b.restApiId(api).resourceId(iam).httpMethod("GET").authorizationType("AWS_IAM"));
        integrate(iam, ApiGatewayIamIT.IDENTITY);
        apigw.createDeployment(b -> b.restApiId(api).stageName("prod").variables(Map.of("team", "blue")));
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        apigw.close();
        server.close();
    }

    static String child(String parent, String part) {
        return apigw.createResource(b -> b.restApiId(api).parentId(parent).pathPart(part)).id();
    }

    static void mock(String resource, String authorizerId, String template) {
        apigw.putMethod(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").authorizationType("CUSTOM").authorizerId(authorizerId));
        integrate(resource, template);
    }

    static void integrate(String resource, String template) {
        apigw.putIntegration(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        apigw.putMethodResponse(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").statusCode("200")
                .responseTemplates(Map.of("application/json", template)));
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return Invocations.get(server, api, "prod", path, headers);
    }

    static JsonNode body(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void anAllowingTokenAuthorizerHandsPrincipalAndContextToTheIntegration() throws Exception {
        HttpResponse<byte[]> r = get("/items/1", "Authorization", "allow");
        assertEquals(200, r.statusCode(), text(r));
        JsonNode b = body(r);
        assertEquals("user-allow", b.get("principal").asText());
        assertEquals("allow", b.get("token").asText());
        assertEquals("7", b.get("n").asText());
        assertEquals("true", b.get("flag").asText());
    }

    @Test
    void missingOrMalformedTokensAre401WithoutCallingTheFunction() throws Exception {
        for (String[] headers : List.of(new String[0], new String[]{"Authorization", "NOT VALID 123"})) {
            HttpResponse<byte[]> r = get("/items/1", headers);
            assertEquals(401, r.statusCode(), text(r));
            assertEquals("Unauthorized", body(r).get("message").asText());
            assertEquals("UnauthorizedException", r.headers().firstValue("x-amzn-ErrorType").orElse(null));
        }
        // the function was not called: a locked function would have answered 500
        assertEquals(401, get("/locked").statusCode());
    }

    @Test
    void policiesAreJudgedAgainstTheMethodArn() throws Exception {
        HttpResponse<byte[]> denied = get("/nocache/1", "Authorization", "deny");
        assertEquals(403, denied.statusCode(), text(denied));
        assertEquals("User is not authorized to access this resource with an explicit deny", body(denied).get("message").asText());
        assertEquals("AccessDeniedException", denied.headers().firstValue("x-amzn-ErrorType").orElse(null));
        HttpResponse<byte[]> elsewhere = get("/nocache/1", "Authorization", "elsewhere");
        assertEquals(403, elsewhere.statusCode(), text(elsewhere));
        assertEquals("User is not authorized to access this resource", body(elsewhere).get("message").asText());
        assertEquals(200, get("/nocache/1", "Authorization", "exact").statusCode());
    }

    @Test
    void unauthorizedFromTheFunctionIs401AndFailuresAre500() throws Exception {
        HttpResponse<byte[]> r = get("/nocache/1", "Authorization", "unauthorized");
        assertEquals(401, r.statusCode(), text(r));
        assertEquals("Unauthorized", body(r).get("message").asText());
        for (String token : List.of("boom", "garbage")) {
            HttpResponse<byte[]> failed = get("/nocache/1", "Authorization", token);
            assertEquals(500, failed.statusCode(), token + ": " + text(failed));
            assertTrue(body(failed).get("message").isNull(), text(failed));
            assertEquals("AuthorizerConfigurationException", failed.headers().firstValue("x-amzn-ErrorType").orElse(null));
        }
    }

    @Test
    void aFunctionApiGatewayMayNotInvokeOrThatDoesNotExistIs500() throws Exception {
        for (String path : List.of("/locked", "/missing")) {
            HttpResponse<byte[]> r = get(path, "Authorization", "allow");
            assertEquals(500, r.statusCode(), path + ": " + text(r));
            assertEquals("{\"message\":null}", text(r));
        }
    }

    @Test
    void answersAreCachedByTokenForTheTtlAndTheCachedPolicyIsJudgedAgain() throws Exception {
        // "exact" allows only the method ARN it was first asked for; a cached answer is judged against the next ARN
        HttpResponse<byte[]> first = get("/items/1", "Authorization", "exact");
        assertEquals(200, first.statusCode(), text(first));
        HttpResponse<byte[]> again = get("/items/1", "Authorization", "exact");
        assertEquals(body(first).get("nonce").asText(), body(again).get("nonce").asText(), "the cached answer");
        HttpResponse<byte[]> other = get("/items/2", "Authorization", "exact");
        assertEquals(403, other.statusCode(), text(other));
        // with a TTL of 0 every request asks the function
        JsonNode a = body(get("/nocache/1", "Authorization", "allow"));
        JsonNode b = body(get("/nocache/1", "Authorization", "allow"));
        assertNotEquals(a.get("nonce").asText(), b.get("nonce").asText());
        assertEquals(200, get("/nocache/2", "Authorization", "exact").statusCode());
    }

    @Test
    void flushStageAuthorizersCacheAsksTheFunctionAgain() throws Exception {
        String first = body(get("/items/3", "Authorization", "flushed")).get("nonce").asText();
        assertEquals(first, body(get("/items/3", "Authorization", "flushed")).get("nonce").asText(), "cached");
        apigw.flushStageAuthorizersCache(b -> b.restApiId(api).stageName("prod"));
        assertNotEquals(first, body(get("/items/3", "Authorization", "flushed")).get("nonce").asText(), "asked afresh");
    }

    @Test
    void requestAuthorizersGetTheRequestAndNeedEveryIdentitySource() throws Exception {
        HttpResponse<byte[]> r = get("/req?token=allow&x=1", "X-Team", "blue");
        assertEquals(200, r.statusCode(), text(r));
        JsonNode event = body(r);
        assertEquals("REQUEST", event.get("type").asText());
        assertEquals("arn:aws:execute-api:us-east-1:" + ACCOUNT + ":" + api + "/prod/GET/req", event.get("methodArn").asText());
        assertEquals("/req", event.get("resource").asText());
        assertEquals("/req", event.get("path").asText());
        assertEquals("GET", event.get("httpMethod").asText());
        assertEquals("blue", event.get("headers").get("X-Team").asText());
        assertEquals("blue", event.get("multiValueHeaders").get("X-Team").get(0).asText());
        assertEquals("1", event.get("queryStringParameters").get("x").asText());
        assertEquals("blue", event.get("stageVariables").get("team").asText());
        assertEquals(api, event.get("requestContext").get("apiId").asText());
        assertEquals("prod", event.get("requestContext").get("stage").asText());
        assertTrue(event.get("requestContext").get("identity").has("sourceIp"));
        assertTrue(!event.has("body"));
        assertEquals(401, get("/req?token=allow").statusCode(), "without X-Team");
        assertEquals(401, get("/req", "X-Team", "blue").statusCode(), "without the token");
    }

    @Test
    void theProxyEventCarriesTheAuthorizer() throws Exception {
        HttpResponse<byte[]> r = get("/proxy", "Authorization", "allow");
        assertEquals(200, r.statusCode(), text(r));
        JsonNode authorizer = body(r).get("authorizer");
        assertEquals("user-allow", authorizer.get("principalId").asText());
        assertEquals("allow", authorizer.get("token").asText());
        assertEquals("7", authorizer.get("n").asText());
        assertEquals("true", authorizer.get("flag").asText());
        assertEquals(0, authorizer.get("integrationLatency").asInt());
    }

    @Test
    void cognitoUserPoolAuthorizersSayTheyAreNotSupported() throws Exception {
        assertEquals(401, get("/pool").statusCode());
        HttpResponse<byte[]> r = get("/pool", "Authorization", "eyJhbGciOi.x.y");
        assertEquals(500, r.statusCode(), text(r));
        assertTrue(body(r).get("message").asText().contains("COGNITO_USER_POOLS authorizers are not supported"), text(r));
    }

    @Test
    void authorizersControlPlane() {
        var got = apigw.getAuthorizer(b -> b.restApiId(api).authorizerId(tokenAuthorizer));
        assertEquals("token", got.name());
        assertEquals(AuthorizerType.TOKEN, got.type());
        assertEquals(300, got.authorizerResultTtlInSeconds());
        assertEquals("[a-z]+", got.identityValidationExpression());
        assertTrue(got.id().matches("[a-z0-9]{6}"), got.id());
        assertEquals(6, apigw.getAuthorizers(b -> b.restApiId(api)).items().size());
        assertEquals(2, apigw.getAuthorizers(b -> b.restApiId(api).limit(2)).items().size());

        String id = apigw.createAuthorizer(b -> b.restApiId(api).name("temp").type(AuthorizerType.REQUEST).authorizerUri(uri)
                .identitySource("method.request.querystring.k")).id();
        var updated = apigw.updateAuthorizer(b -> b.restApiId(api).authorizerId(id).patchOperations(
                op("replace", "/name", "renamed"), op("replace", "/authorizerResultTtlInSeconds", "60")));
        assertEquals("renamed", updated.name());
        assertEquals(60, updated.authorizerResultTtlInSeconds());
        BadRequestException badTtl = assertThrows(BadRequestException.class, () -> apigw.updateAuthorizer(b -> b.restApiId(api)
                .authorizerId(id).patchOperations(op("replace", "/authorizerResultTtlInSeconds", "3601"))));
        assertTrue(badTtl.awsErrorDetails().errorMessage().contains("3600"), badTtl.getMessage());
        apigw.deleteAuthorizer(b -> b.restApiId(api).authorizerId(id));
        NotFoundException gone = assertThrows(NotFoundException.class, () -> apigw.getAuthorizer(b -> b.restApiId(api).authorizerId(id)));
        assertEquals("Invalid Authorizer identifier specified", gone.awsErrorDetails().errorMessage());
        ConflictException inUse = assertThrows(ConflictException.class,
                () -> apigw.deleteAuthorizer(b -> b.restApiId(api).authorizerId(tokenAuthorizer)));
        assertTrue(inUse.awsErrorDetails().errorMessage().startsWith("Cannot delete authorizer 'token'"), inUse.getMessage());
    }

    @Test
    void createAuthorizerChecksAsAws() {
        ApiGatewayException header = assertThrows(BadRequestException.class, () -> apigw.createAuthorizer(b -> b.restApiId(api).name("x")
                .type(AuthorizerType.TOKEN).authorizerUri(uri).identitySource("method.request.querystring.token")));
        assertEquals("Invalid token source expression: method.request.querystring.token. The source must be a method request header,"
                + " matching 'method.request.header.[a-zA-Z0-9._-]+'.", header.awsErrorDetails().errorMessage());
        assertThrows(BadRequestException.class, () -> apigw.createAuthorizer(b -> b.restApiId(api).name("x").type(AuthorizerType.TOKEN)
                .authorizerUri("https://example.com/auth").identitySource("method.request.header.Authorization")));
        assertThrows(BadRequestException.class, () -> apigw.createAuthorizer(b -> b.restApiId(api).name("x").type(AuthorizerType.TOKEN)
                .identitySource("method.request.header.Authorization")));
        assertThrows(BadRequestException.class, () -> apigw.createAuthorizer(b -> b.restApiId(api).name("x").type(AuthorizerType.TOKEN)
                .authorizerUri(uri).identitySource("method.request.header.Authorization").authorizerResultTtlInSeconds(-1)));
        assertThrows(BadRequestException.class, () -> apigw.createAuthorizer(b -> b.restApiId(api).name("x")
                .type(AuthorizerType.COGNITO_USER_POOLS)));
        assertThrows(BadRequestException.class, () -> apigw.createAuthorizer(b -> b.restApiId(api).name("x").type(AuthorizerType.REQUEST)
                .authorizerUri(uri)));
        assertThrows(NotFoundException.class, () -> apigw.createAuthorizer(b -> b.restApiId("nosuchapi0").name("x").type(AuthorizerType.TOKEN)
                .authorizerUri(uri).identitySource("method.request.header.Authorization")));
    }

    @Test
    void testInvokeAuthorizerRunsTheFunction() throws Exception {
        TestInvokeAuthorizerResponse allowed = apigw.testInvokeAuthorizer(b -> b.restApiId(api).authorizerId(tokenAuthorizer)
                .headers(Map.of("Authorization", "allow")));
        assertEquals(200, allowed.clientStatus());
        assertEquals("user-allow", allowed.principalId());
        JsonNode policy = JSON.readTree(allowed.policy());
        assertEquals("Allow", policy.get("Statement").get(0).get("Effect").asText());
        assertTrue(allowed.log().contains("Starting authorizer: " + tokenAuthorizer), allowed.log());
        assertTrue(allowed.latency() >= 0);
        TestInvokeAuthorizerResponse denied = apigw.testInvokeAuthorizer(b -> b.restApiId(api).authorizerId(tokenAuthorizer)
                .headers(Map.of("Authorization", "deny")));
        assertEquals(403, denied.clientStatus());
        TestInvokeAuthorizerResponse missing = apigw.testInvokeAuthorizer(b -> b.restApiId(api).authorizerId(tokenAuthorizer));
        assertEquals(401, missing.clientStatus());
        assertNull(missing.principalId());
    }

    @Test
    void awsIamInPermissiveModeNeedsASignatureButTrustsItsKey() throws Exception {
        HttpResponse<byte[]> unsigned = get("/iam");
        assertEquals(403, unsigned.statusCode());
        assertEquals("Missing Authentication Token", body(unsigned).get("message").asText());
        HttpResponse<byte[]> signed = ApiGatewayIamIT.signedGet(server.endpoint().resolve("/_aws/execute-api/" + api + "/prod/iam"),
                ACCOUNT, "any-secret");
        assertEquals(200, signed.statusCode(), text(signed));
        assertEquals(ACCOUNT, body(signed).get("account").asText());
        assertEquals(ACCOUNT, body(signed).get("accessKey").asText());
    }

    @Test
    void aStageRunsTheAuthorizerAsItWasDeployed() throws Exception {
        String other = apigw.createRestApi(b -> b.name("redeployed")).id();
        String otherRoot = apigw.getRestApi(b -> b.restApiId(other)).rootResourceId();
        String id = apigw.createAuthorizer(b -> b.restApiId(other).name("letters").type(AuthorizerType.TOKEN).authorizerUri(uri)
                .identitySource("method.request.header.Authorization").identityValidationExpression("[a-z]+")
                .authorizerResultTtlInSeconds(0)).id();
        lambda.addPermission(b -> b.functionName(function).statementId("other").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:" + ACCOUNT + ":" + other + "/authorizers/*"));
        apigw.putMethod(b -> b.restApiId(other).resourceId(otherRoot).httpMethod("GET").authorizationType("CUSTOM").authorizerId(id));
        apigw.putIntegration(b -> b.restApiId(other).resourceId(otherRoot).httpMethod("GET").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        apigw.putMethodResponse(b -> b.restApiId(other).resourceId(otherRoot).httpMethod("GET").statusCode("200"));
        apigw.putIntegrationResponse(b -> b.restApiId(other).resourceId(otherRoot).httpMethod("GET").statusCode("200")
                .responseTemplates(Map.of("application/json", ECHO)));
        apigw.createDeployment(b -> b.restApiId(other).stageName("prod"));
        assertEquals(200, Invocations.get(server, other, "prod", "/", "Authorization", "allow").statusCode());

        apigw.updateAuthorizer(b -> b.restApiId(other).authorizerId(id).patchOperations(op("replace", "/identityValidationExpression", "[0-9]+")));
        assertEquals(200, Invocations.get(server, other, "prod", "/", "Authorization", "allow").statusCode(), "not redeployed yet");
        apigw.createDeployment(b -> b.restApiId(other).stageName("prod"));
        assertEquals(401, Invocations.get(server, other, "prod", "/", "Authorization", "allow").statusCode(), "redeployed");
    }
}
