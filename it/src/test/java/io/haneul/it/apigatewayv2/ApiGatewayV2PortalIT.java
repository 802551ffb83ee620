package io.haneul.it.apigatewayv2;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import java.util.List;
import java.util.Map;

import static io.haneul.it.apigatewayv2.V2Clients.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Developer portals with the SDK v2 client: portals (created DISABLED, published, previewed,
 * disabled, deleted only when disabled), portal products with their sharing policy, product pages
 * and REST endpoint pages naming a real REST API; and GetModelTemplate.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayV2PortalIT {

    static TestServer server;
    static ApiGatewayV2Client v2;

    @BeforeAll
    void start() {
        server = newServer();
        v2 = V2Clients.client(server);
    }

    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private static PortalContent content(String name) {
        return PortalContent.builder().displayName(name).theme(t -> t.customColors(c -> c.accentColor("#aa0000").backgroundColor("#ffffff")
                .errorValidationColor("#ff0000").headerColor("#000000").navigationColor("#111111").textColor("#222222"))).build();
    }

    /** The portal's page on Haneul's host. */
    private static java.net.http.HttpResponse<String> page(String portalId) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                server.endpoint().resolve("/_aws/apigateway/portals/" + portalId + "/")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static String portal(String name) {
        return v2.createPortal(b -> b.portalContent(content(name)).authorization(a -> a.none(n -> { }))
                .endpointConfiguration(e -> e.none(n -> { }))).portalId();
    }

    @Test
    void portalIsCreatedDisabledThenPublishedServedPreviewedDisabledAndDeleted() throws Exception {
        String product = v2.createPortalProduct(b -> b.displayName("Payments").description("pay")).portalProductArn();
        CreatePortalResponse created = v2.createPortal(b -> b.portalContent(content("Dev portal")).authorization(a -> a.none(n -> { }))
                .endpointConfiguration(e -> e.none(n -> { })).includedPortalProductArns(product).tags(Map.of("team", "a")));
        String id = created.portalId();
        assertTrue(id.matches("[a-z0-9]{10,30}"), id);
        assertEquals(PublishStatus.DISABLED, created.publishStatus());
        assertEquals("arn:aws:apigateway:us-east-1:" + ACCOUNT + ":/portals/" + id, created.portalArn());
        assertEquals("p-" + id + ".apigw-portal.us-east-1.on.aws", created.endpointConfiguration().portalDefaultDomainName());
        assertEquals(List.of(product), created.includedPortalProductArns());
        assertNotNull(created.lastModified());

        assertEquals(404, page(id).statusCode());
        String productId = product.substring(product.lastIndexOf('/') + 1);
        v2.createProductPage(b -> b.portalProductId(productId).displayContent(d -> d.title("Getting <started>").body("Call POST /pay")));
        v2.publishPortal(b -> b.portalId(id).description("first"));
        java.net.http.HttpResponse<String> site = page(id);
        assertEquals(200, site.statusCode());
        assertTrue(site.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(site.body().contains("<h1>Dev portal</h1>"), site.body());
        assertTrue(site.body().contains("<h2>Payments</h2>"), site.body());
        assertTrue(site.body().contains("Getting &lt;started&gt;"), site.body());
        assertTrue(site.body().contains("background:#ffffff"), site.body());
        GetPortalResponse published = v2.getPortal(b -> b.portalId(id));
        assertEquals(PublishStatus.PUBLISHED, published.publishStatus());
        assertEquals("first", published.lastPublishedDescription());
        assertNotNull(published.lastPublished());
        ConflictException busy = assertThrows(ConflictException.class, () -> v2.deletePortal(b -> b.portalId(id)));
        assertEquals(409, busy.statusCode());

        v2.tagResource(b -> b.resourceArn(created.portalArn()).tags(Map.of("stage", "prod")));
        assertEquals(Map.of("team", "a", "stage", "prod"), v2.getTags(b -> b.resourceArn(created.portalArn())).tags());
        v2.untagResource(b -> b.resourceArn(product).tagKeys("none"));
        assertEquals(Map.of(), v2.getTags(b -> b.resourceArn(product)).tags());
        assertThrows(NotFoundException.class, () -> V2Clients.client(server, "210987654321").getTags(b -> b.resourceArn(created.portalArn())));

        v2.previewPortal(b -> b.portalId(id));
        assertEquals(PreviewStatus.PREVIEW_READY, v2.getPortal(b -> b.portalId(id)).preview().previewStatus());

        UpdatePortalResponse updated = v2.updatePortal(b -> b.portalId(id).portalContent(content("Renamed")).rumAppMonitorName("mon"));
        assertEquals("Renamed", updated.portalContent().displayName());
        assertEquals("mon", updated.rumAppMonitorName());
        assertTrue(v2.listPortals(b -> { }).items().stream().anyMatch(p -> p.portalId().equals(id) && p.portalContent().displayName().equals("Renamed")));

        v2.disablePortal(b -> b.portalId(id));
        assertEquals(PublishStatus.DISABLED, v2.getPortal(b -> b.portalId(id)).publishStatus());
        assertEquals(404, page(id).statusCode());
        assertThrows(ConflictException.class, () -> v2.disablePortal(b -> b.portalId(id)));
        v2.deletePortal(b -> b.portalId(id));
        assertThrows(NotFoundException.class, () -> v2.getPortal(b -> b.portalId(id)));
    }

    @Test
    void portalInputIsValidatedAsAws() {
        assertThrows(BadRequestException.class, () -> v2.createPortal(b -> b.portalContent(content("Dev")).authorization(a -> { })
                .endpointConfiguration(e -> e.none(n -> { }))));
        assertThrows(BadRequestException.class, () -> v2.createPortal(b -> b.portalContent(content("ab")).authorization(a -> a.none(n -> { }))
                .endpointConfiguration(e -> e.none(n -> { }))));
        assertThrows(BadRequestException.class, () -> v2.createPortal(b -> b.portalContent(content("Dev portal"))
                .authorization(a -> a.none(n -> { })).endpointConfiguration(e -> e.acmManaged(m -> m.domainName("dev.example.com")
                        .certificateArn("arn:aws:acm:eu-west-1:" + ACCOUNT + ":certificate/x")))));
        assertThrows(NotFoundException.class, () -> v2.createPortal(b -> b.portalContent(content("Dev portal"))
                .authorization(a -> a.none(n -> { })).endpointConfiguration(e -> e.none(n -> { }))
                .includedPortalProductArns("arn:aws:apigateway:us-east-1:" + ACCOUNT + ":/portalproducts/missing000")));
        CreatePortalResponse custom = v2.createPortal(b -> b.portalContent(content("Dev portal")).authorization(a -> a.none(n -> { }))
                .endpointConfiguration(e -> e.acmManaged(m -> m.domainName("dev.example.com")
                        .certificateArn("arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/x"))));
        assertEquals("dev.example.com", custom.endpointConfiguration().domainName());
        String other = portal("Other account's");
        assertThrows(NotFoundException.class, () -> V2Clients.client(server, "210987654321").getPortal(b -> b.portalId(other)));
    }

    @Test
    void productsCarryPagesEndpointPagesAndASharingPolicy() {
        CreatePortalProductResponse product = v2.createPortalProduct(b -> b.displayName("Orders").tags(Map.of("k", "v")));
        String pid = product.portalProductId();
        assertEquals("arn:aws:apigateway:us-east-1:" + ACCOUNT + ":/portalproducts/" + pid, product.portalProductArn());
        assertEquals("", product.description());

        CreateProductPageResponse page = v2.createProductPage(b -> b.portalProductId(pid).displayContent(d -> d.title("Intro").body("# Hello")));
        assertEquals(product.portalProductArn() + "/productpages/" + page.productPageId(), page.productPageArn());
        assertEquals("# Hello", v2.getProductPage(b -> b.portalProductId(pid).productPageId(page.productPageId())).displayContent().body());
        v2.updateProductPage(b -> b.portalProductId(pid).productPageId(page.productPageId()).displayContent(d -> d.title("Start").body("x")));
        ListProductPagesResponse pages = v2.listProductPages(b -> b.portalProductId(pid));
        assertEquals("Start", pages.items().get(0).pageTitle());

        ApiGatewayClient rest = ApiGatewayClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "s"))).build();
        String restApi = rest.createRestApi(b -> b.name("orders")).id();
        CreateProductRestEndpointPageResponse endpoint = v2.createProductRestEndpointPage(b -> b.portalProductId(pid)
                .restEndpointIdentifier(i -> i.identifierParts(p -> p.restApiId(restApi).stage("prod").method("GET").path("/orders")))
                .displayContent(d -> d.none(n -> { })));
        assertEquals("GET /orders", endpoint.displayContent().endpoint());
        assertEquals(Status.AVAILABLE, endpoint.status());
        UpdateProductRestEndpointPageResponse renamed = v2.updateProductRestEndpointPage(b -> b.portalProductId(pid)
                .productRestEndpointPageId(endpoint.productRestEndpointPageId()).tryItState(TryItState.ENABLED)
                .displayContent(d -> d.overrides(o -> o.operationName("ListOrders").body("Lists orders"))));
        assertEquals("ListOrders", renamed.displayContent().operationName());
        assertEquals(TryItState.ENABLED, renamed.tryItState());
        assertEquals("GET /orders", v2.listProductRestEndpointPages(b -> b.portalProductId(pid)).items().get(0).endpoint());
        assertThrows(NotFoundException.class, () -> v2.createProductRestEndpointPage(b -> b.portalProductId(pid)
                .restEndpointIdentifier(i -> i.identifierParts(p -> p.restApiId("nosuchapi0").stage("prod").method("GET").path("/")))));

        v2.updatePortalProduct(b -> b.portalProductId(pid).description("all orders").displayOrder(o -> o.overviewPageArn(page.productPageArn())
                .contents(Section.builder().sectionName("Orders").productRestEndpointPageArns(endpoint.productRestEndpointPageArn()).build())));
        GetPortalProductResponse got = v2.getPortalProduct(b -> b.portalProductId(pid));
        assertEquals("all orders", got.description());
        assertEquals(page.productPageArn(), got.displayOrder().overviewPageArn());
        assertThrows(BadRequestException.class, () -> v2.updatePortalProduct(b -> b.portalProductId(pid)
                .displayOrder(o -> o.overviewPageArn("arn:aws:apigateway:us-east-1:" + ACCOUNT + ":/portalproducts/other00000/productpages/x"))));

        assertThrows(NotFoundException.class, () -> v2.getPortalProductSharingPolicy(b -> b.portalProductId(pid)));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"210987654321\"},"
                + "\"Action\":\"apigateway:GetPortalProduct\",\"Resource\":\"" + product.portalProductArn() + "\"}]}";
        v2.putPortalProductSharingPolicy(b -> b.portalProductId(pid).policyDocument(policy));
        assertEquals(policy, v2.getPortalProductSharingPolicy(b -> b.portalProductId(pid)).policyDocument());
        assertThrows(BadRequestException.class, () -> v2.putPortalProductSharingPolicy(b -> b.portalProductId(pid).policyDocument("not json")));
        v2.deletePortalProductSharingPolicy(b -> b.portalProductId(pid));
        assertThrows(NotFoundException.class, () -> v2.getPortalProductSharingPolicy(b -> b.portalProductId(pid)));

        v2.deleteProductRestEndpointPage(b -> b.portalProductId(pid).productRestEndpointPageId(endpoint.productRestEndpointPageId()));
        assertThrows(NotFoundException.class, () -> v2.getProductRestEndpointPage(b -> b.portalProductId(pid)
                .productRestEndpointPageId(endpoint.productRestEndpointPageId())));
        assertTrue(v2.listPortalProducts(b -> { }).items().stream().anyMatch(p -> p.portalProductId().equals(pid)));
        v2.deletePortalProduct(b -> b.portalProductId(pid));
        assertThrows(NotFoundException.class, () -> v2.getProductPage(b -> b.portalProductId(pid).productPageId(page.productPageId())));
        assertThrows(NotFoundException.class, () -> v2.getPortalProduct(b -> b.portalProductId(pid)));
    }

    @Test
    void modelTemplateIsGeneratedFromTheSchemaFollowingReferences() {
        String api = v2.createApi(b -> b.name("ws").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
        v2.createModel(b -> b.apiId(api).name("Item").schema("{\"type\":\"object\",\"properties\":{\"sku\":{\"type\":\"string\"}}}"));
        String order = v2.createModel(b -> b.apiId(api).name("Order").contentType("application/json").schema("""
                {"type":"object","properties":{"id":{"type":"string"},"count":{"type":"integer"},
                 "items":{"type":"array","items":{"$ref":"https://apigateway.amazonaws.com/restapis/%s/models/Item"}}}}""".formatted(api))).modelId();
        String template = v2.getModelTemplate(b -> b.apiId(api).modelId(order)).value();
        assertTrue(template.startsWith("#set($inputRoot = $input.path('$'))"), template);
        assertTrue(template.contains("\"id\" : \"$inputRoot.id\""), template);
        assertTrue(template.contains("\"count\" : $inputRoot.count"), template);
        assertTrue(template.contains("#foreach($elem in $inputRoot.items)"), template);
        assertTrue(template.contains("\"sku\" : \"$elem.sku\""), template);
        assertThrows(NotFoundException.class, () -> v2.getModelTemplate(b -> b.apiId(api).modelId("nomodel")));
    }
}
