package io.haneul.it.apigateway;

import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.BasePathMapping;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateDomainNameResponse;
import software.amazon.awssdk.services.apigateway.model.DomainName;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.haneul.it.apigateway.ApiGatewayClients.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Custom domain names and base path mappings with the SDK, and invocations sent with the domain as
 * their Host header (raw sockets): {@code (none)}, a named base path, a mapping without a stage,
 * the reserved {@code /ping} and {@code /sping}.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayDomainNameIT {

    static TestServer server;
    static ApiGatewayClient apigw;

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

    /** An API answering MOCK {@code {"api": name, "path": resourcePath}} on {@code /} and {@code /{proxy+}}, deployed to v1 and v2. */
    static String api(String name) {
        String api = apigw.createRestApi(b -> b.name(name)).id();
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        String proxy = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("{proxy+}")).id();
        for (String resource : List.of(root, proxy)) {
            apigw.putMethod(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").authorizationType("NONE"));
            apigw.putIntegration(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            apigw.putMethodResponse(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").statusCode("200"));
            apigw.putIntegrationResponse(b -> b.restApiId(api).resourceId(resource).httpMethod("GET").statusCode("200")
                    .responseTemplates(Map.of("application/json",
                            "{\"api\": \"" + name + "\", \"stage\": \"$context.stage\", \"path\": \"$context.resourcePath\", \"proxy\": \"$input.params('proxy')\"}")));
        }
        apigw.createDeployment(b -> b.restApiId(api).stageName("v1"));
        apigw.createDeployment(b -> b.restApiId(api).stageName("v2"));
        return api;
    }

    static RawHttp.Response get(String host, String path) {
        return RawHttp.send(server.port(), "GET", path, Map.of("Host", host + ":" + server.port()), (byte[]) null);
    }

    @Test
    void domainNamesAndMappingsAreRecorded() {
        CreateDomainNameResponse edge = apigw.createDomainName(b -> b.domainName("API.Example.com")
                .certificateArn("arn:aws:acm:us-east-1:123456789012:certificate/abc").tags(Map.of("team", "a")));
        assertEquals("api.example.com", edge.domainName());
        assertTrue(edge.distributionDomainName().matches("d[a-z0-9]{13}\\.cloudfront\\.net"), edge.distributionDomainName());
        assertEquals("Z2FDTNDATAQYW2", edge.distributionHostedZoneId());
        assertEquals("AVAILABLE", edge.domainNameStatusAsString());
        assertEquals("TLS_1_2", edge.securityPolicyAsString());
        assertEquals(List.of(EndpointType.EDGE), edge.endpointConfiguration().types());
        assertEquals("arn:aws:acm:us-east-1:123456789012:certificate/abc", edge.certificateArn());
        assertEquals(Map.of("team", "a"), edge.tags());

        DomainName regional = DomainName.builder().build();
        var r = apigw.createDomainName(b -> b.domainName("regional.example.com")
                .regionalCertificateArn("arn:aws:acm:us-east-1:123456789012:certificate/def")
                .endpointConfiguration(c -> c.types(EndpointType.REGIONAL)));
        assertTrue(r.regionalDomainName().matches("d-[a-z0-9]{10}\\.execute-api\\.us-east-1\\.amazonaws\\.com"), r.regionalDomainName());
        assertEquals("Z1UJRXOUMOOFQ8", r.regionalHostedZoneId());
        assertNull(r.distributionDomainName());
        assertTrue(regional.domainName() == null);

        assertThrows(ConflictException.class, () -> apigw.createDomainName(b -> b.domainName("api.example.com")
                .certificateArn("arn:aws:acm:us-east-1:123456789012:certificate/abc")));
        assertThrows(BadRequestException.class, () -> apigw.createDomainName(b -> b.domainName("nocert.example.com")));
        assertThrows(BadRequestException.class, () -> apigw.createDomainName(b -> b.domainName("not a domain")
                .certificateArn("arn:aws:acm:us-east-1:123456789012:certificate/abc")));

        Set<String> names = apigw.getDomainNames(b -> {}).items().stream().map(DomainName::domainName).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("api.example.com", "regional.example.com")), names::toString);
        var updated = apigw.updateDomainName(b -> b.domainName("regional.example.com").patchOperations(
                op("replace", "/regionalCertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/new")));
        assertEquals("arn:aws:acm:us-east-1:123456789012:certificate/new", updated.regionalCertificateArn());
        assertEquals(updated.regionalCertificateArn(), apigw.getDomainName(b -> b.domainName("regional.example.com")).regionalCertificateArn());

        String api = api("recorded");
        var none = apigw.createBasePathMapping(b -> b.domainName("regional.example.com").restApiId(api).stage("v1"));
        assertEquals("(none)", none.basePath());
        var named = apigw.createBasePathMapping(b -> b.domainName("regional.example.com").basePath("orders").restApiId(api));
        assertNull(named.stage());
        assertThrows(ConflictException.class,
                () -> apigw.createBasePathMapping(b -> b.domainName("regional.example.com").basePath("orders").restApiId(api)));
        assertThrows(NotFoundException.class,
                () -> apigw.createBasePathMapping(b -> b.domainName("regional.example.com").basePath("x").restApiId(api).stage("nope")));
        assertThrows(NotFoundException.class,
                () -> apigw.createBasePathMapping(b -> b.domainName("unknown.example.com").restApiId(api)));
        assertEquals(Set.of("(none)", "orders"), apigw.getBasePathMappings(b -> b.domainName("regional.example.com")).items().stream()
                .map(BasePathMapping::basePath).collect(Collectors.toSet()));
        assertEquals("v1", apigw.getBasePathMapping(b -> b.domainName("regional.example.com").basePath("(none)")).stage());

        var moved = apigw.updateBasePathMapping(b -> b.domainName("regional.example.com").basePath("orders")
                .patchOperations(op("replace", "/basePath", "sales"), op("replace", "/stage", "v2")));
        assertEquals("sales", moved.basePath());
        assertEquals("v2", moved.stage());
        assertThrows(NotFoundException.class, () -> apigw.getBasePathMapping(b -> b.domainName("regional.example.com").basePath("orders")));

        apigw.deleteBasePathMapping(b -> b.domainName("regional.example.com").basePath("sales"));
        assertThrows(NotFoundException.class, () -> apigw.getBasePathMapping(b -> b.domainName("regional.example.com").basePath("sales")));
        apigw.deleteDomainName(b -> b.domainName("regional.example.com"));
        assertThrows(NotFoundException.class, () -> apigw.getDomainName(b -> b.domainName("regional.example.com")));
        assertThrows(NotFoundException.class, () -> apigw.getBasePathMappings(b -> b.domainName("regional.example.com")));
    }

    @Test
    void invocationsRouteByHostAndBasePath() throws Exception {
        String shop = api("shop");
        String billing = api("billing");
        apigw.createDomainName(b -> b.domainName("shop.example.org").regionalCertificateArn("arn:aws:acm:us-east-1:123456789012:certificate/x")
                .endpointConfiguration(c -> c.types(EndpointType.REGIONAL)));

        assertEquals(403, get("shop.example.org", "/anything").status());

        apigw.createBasePathMapping(b -> b.domainName("shop.example.org").restApiId(shop).stage("v1"));
        apigw.createBasePathMapping(b -> b.domainName("shop.example.org").basePath("billing").restApiId(billing).stage("v2"));
        apigw.createBasePathMapping(b -> b.domainName("shop.example.org").basePath("any/stage").restApiId(billing));

        RawHttp.Response root = get("shop.example.org", "/");
        assertEquals(200, root.status(), root.text());
        assertEquals("{\"api\": \"shop\", \"stage\": \"v1\", \"path\": \"/\", \"proxy\": \"\"}", root.text());
        assertEquals("{\"api\": \"shop\", \"stage\": \"v1\", \"path\": \"/{proxy+}\", \"proxy\": \"a/b\"}", get("shop.example.org", "/a/b").text());
        assertEquals("{\"api\": \"billing\", \"stage\": \"v2\", \"path\": \"/{proxy+}\", \"proxy\": \"invoices/9\"}",
                get("shop.example.org", "/billing/invoices/9").text());
        assertEquals("{\"api\": \"billing\", \"stage\": \"v2\", \"path\": \"/\", \"proxy\": \"\"}", get("shop.example.org", "/billing").text());
        assertEquals("{\"api\": \"shop\", \"stage\": \"v1\", \"path\": \"/{proxy+}\", \"proxy\": \"billingx\"}",
                get("shop.example.org", "/billingx").text());
        assertEquals("{\"api\": \"billing\", \"stage\": \"v1\", \"path\": \"/{proxy+}\", \"proxy\": \"x\"}",
                get("shop.example.org", "/any/stage/v1/x").text());

        apigw.updateRestApi(b -> b.restApiId(shop).patchOperations(op("replace", "/disableExecuteApiEndpoint", "true")));
        assertEquals(200, get("shop.example.org", "/").status());
        assertEquals(403, RawHttp.send(server.port(), "GET", "/v1/", Map.of("Host", shop + ".execute-api.localhost:" + server.port()),
                (byte[]) null).status());

        apigw.deleteDomainName(b -> b.domainName("shop.example.org"));
        RawHttp.Response gone = get("shop.example.org", "/");
        assertTrue(gone.status() != 200 || !gone.text().contains("\"api\""), gone.text());
    }

    @Test
    void pingAndSpingAnswerHealthyOnInvokeHosts() {
        String api = api("pinged");
        for (String path : List.of("/ping", "/sping")) {
            RawHttp.Response r = RawHttp.send(server.port(), "GET", path, Map.of("Host", api + ".execute-api.localhost:" + server.port()),
                    (byte[]) null);
            assertEquals(200, r.status(), path);
            assertEquals("healthy", r.text());
        }
        apigw.createDomainName(b -> b.domainName("ping.example.net").certificateArn("arn:aws:acm:us-east-1:123456789012:certificate/p"));
        apigw.createBasePathMapping(b -> b.domainName("ping.example.net").restApiId(api).stage("v1"));
        assertEquals("healthy", get("ping.example.net", "/ping").text());
        assertEquals("{\"api\": \"pinged\", \"stage\": \"v1\", \"path\": \"/{proxy+}\", \"proxy\": \"pong\"}", get("ping.example.net", "/pong").text());
    }
}
