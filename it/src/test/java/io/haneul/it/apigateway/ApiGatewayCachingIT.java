package io.haneul.it.apigateway;

import com.sun.net.httpserver.HttpServer;
import io.haneul.it.support.MutableClock;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.UpdateStageResponse;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.haneul.it.apigateway.ApiGatewayClients.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stage caching: the cache cluster's settings and status, method settings {@code caching/*}, the
 * integration's cache key parameters, answers from the cache that never reach the backend (counted),
 * the TTL on a movable clock, {@code Cache-Control: max-age=0} with and without authorization, and
 * FlushStageCache.
 */
class ApiGatewayCachingIT {

    static final MutableClock CLOCK = new MutableClock();
    static final AtomicInteger CALLS = new AtomicInteger();
    static TestServer server;
    static ApiGatewayClient apigw;
    static HttpServer backend;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(CLOCK);
        apigw = ApiGatewayClients.client(server);
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            byte[] out = ("call " + CALLS.incrementAndGet() + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        backend.start();
    }

    @AfterAll
    static void stop() throws Exception {
        backend.stop(0);
        apigw.close();
        server.close();
    }

    /** An API with GET and POST /items/{id} proxied to the counting backend, keyed by the id and ?q. */
    static String api() {
        String api = apigw.createRestApi(b -> b.name("cached")).id();
        String root = apigw.getResources(b -> b.restApiId(api)).items().getFirst().id();
        String items = apigw.createResource(b -> b.restApiId(api).parentId(root).pathPart("items")).id();
        String id = apigw.createResource(b -> b.restApiId(api).parentId(items).pathPart("{id}")).id();
        for (String method : List.of("GET", "POST")) {
            apigw.putMethod(b -> b.restApiId(api).resourceId(id).httpMethod(method).authorizationType("NONE")
                    .requestParameters(Map.of("method.request.path.id", true, "method.request.querystring.q", false)));
            apigw.putIntegration(b -> b.restApiId(api).resourceId(id).httpMethod(method).type(IntegrationType.HTTP_PROXY)
                    .integrationHttpMethod(method).uri("http://127.0.0.1:" + backend.getAddress().getPort() + "/items/{id}")
                    .requestParameters(Map.of("integration.request.path.id", "method.request.path.id"))
                    .cacheKeyParameters("method.request.path.id", "method.request.querystring.q"));
        }
        String deployment = apigw.createDeployment(b -> b.restApiId(api)).id();
        apigw.createStage(b -> b.restApiId(api).stageName("prod").deploymentId(deployment).cacheClusterEnabled(true)
                .cacheClusterSize("0.5"));
        apigw.updateStage(b -> b.restApiId(api).stageName("prod").patchOperations(op("replace", "/*/*/caching/enabled", "true")));
        return api;
    }

    static HttpResponse<String> send(String method, String api, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve("/_aws/execute-api/" + api + "/prod" + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return Invocations.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void cacheClusterIsReportedAndChecked() {
        String api = api();
        GetStageResponse stage = apigw.getStage(b -> b.restApiId(api).stageName("prod"));
        assertTrue(stage.cacheClusterEnabled());
        assertEquals("AVAILABLE", stage.cacheClusterStatusAsString());
        assertEquals("0.5", stage.cacheClusterSize());
        var settings = stage.methodSettings().get("*/*");
        assertTrue(settings.cachingEnabled());
        assertEquals(300, settings.cacheTtlInSeconds());
        assertTrue(settings.requireAuthorizationForCacheControl());
        assertEquals("SUCCEED_WITH_RESPONSE_HEADER", settings.unauthorizedCacheControlHeaderStrategyAsString());

        assertThrows(BadRequestException.class, () -> apigw.updateStage(b -> b.restApiId(api).stageName("prod")
                .patchOperations(op("replace", "/*/*/caching/ttlInSeconds", "3601"))));
        assertThrows(BadRequestException.class, () -> apigw.updateStage(b -> b.restApiId(api).stageName("prod")
                .patchOperations(op("replace", "/cacheClusterSize", "3"))));
        UpdateStageResponse bigger = apigw.updateStage(b -> b.restApiId(api).stageName("prod")
                .patchOperations(op("replace", "/cacheClusterSize", "6.1"), op("replace", "/*/*/caching/dataEncrypted", "true")));
        assertEquals("6.1", bigger.cacheClusterSize());
        assertTrue(bigger.methodSettings().get("*/*").cacheDataEncrypted());
        UpdateStageResponse off = apigw.updateStage(b -> b.restApiId(api).stageName("prod")
                .patchOperations(op("replace", "/cacheClusterEnabled", "false")));
        assertEquals("NOT_AVAILABLE", off.cacheClusterStatusAsString());
        assertThrows(NotFoundException.class, () -> apigw.flushStageCache(b -> b.restApiId(api).stageName("nope")));
        assertThrows(NotFoundException.class, () -> apigw.flushStageAuthorizersCache(b -> b.restApiId(api).stageName("nope")));
    }

    @Test
    void getsAreAnsweredFromTheCacheByKeyUntilTheTtlPassesOrAFlush() throws Exception {
        String api = api();
        int before = CALLS.get();
        HttpResponse<String> first = send("GET", api, "/items/1");
        assertEquals(200, first.statusCode(), first.body());
        HttpResponse<String> again = send("GET", api, "/items/1");
        assertEquals(first.body(), again.body());
        assertEquals(before + 1, CALLS.get(), "the second GET came from the cache");
        assertFalse(first.headers().firstValue("x-amzn-RequestId").equals(again.headers().firstValue("x-amzn-RequestId")));
        assertEquals("text/plain", again.headers().firstValue("Content-Type").orElse(null));

        send("GET", api, "/items/2");
        send("GET", api, "/items/1?q=x");
        send("GET", api, "/items/1?other=y");
        assertEquals(before + 3, CALLS.get(), "path and q are key parameters, other is not");

        send("POST", api, "/items/1");
        send("POST", api, "/items/1");
        assertEquals(before + 5, CALLS.get(), "*/* caching applies to GET methods only");

        CLOCK.advance(Duration.ofSeconds(301));
        send("GET", api, "/items/1");
        assertEquals(before + 6, CALLS.get(), "the entry expired after 300 seconds");
        send("GET", api, "/items/1");
        assertEquals(before + 6, CALLS.get());

        apigw.flushStageCache(b -> b.restApiId(api).stageName("prod"));
        send("GET", api, "/items/1");
        assertEquals(before + 7, CALLS.get(), "flushed");

        apigw.updateStage(b -> b.restApiId(api).stageName("prod").patchOperations(op("replace", "/*/*/caching/ttlInSeconds", "0")));
        send("GET", api, "/items/1");
        assertEquals(before + 8, CALLS.get(), "a TTL of 0 disables caching");
    }

    @Test
    void cacheControlMaxAgeZeroFollowsTheAuthorizationRule() throws Exception {
        String api = api();
        int before = CALLS.get();
        String cached = send("GET", api, "/items/7").body();
        // required authorization, unsigned caller, default strategy: ignored with a warning
        HttpResponse<String> ignored = send("GET", api, "/items/7", "Cache-Control", "max-age=0");
        assertEquals(cached, ignored.body());
        assertEquals(before + 1, CALLS.get());
        assertTrue(ignored.headers().firstValue("Warning").isPresent());

        apigw.updateStage(b -> b.restApiId(api).stageName("prod").patchOperations(
                op("replace", "/*/*/caching/unauthorizedCacheControlHeaderStrategy", "SUCCEED_WITHOUT_RESPONSE_HEADER")));
        HttpResponse<String> quiet = send("GET", api, "/items/7", "Cache-Control", "max-age=0");
        assertEquals(cached, quiet.body());
        assertFalse(quiet.headers().firstValue("Warning").isPresent());

        apigw.updateStage(b -> b.restApiId(api).stageName("prod").patchOperations(
                op("replace", "/*/*/caching/unauthorizedCacheControlHeaderStrategy", "FAIL_WITH_403")));
        HttpResponse<String> refused = send("GET", api, "/items/7", "Cache-Control", "max-age=0");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("execute-api:InvalidateCache"), refused.body());
        assertEquals(before + 1, CALLS.get());

        apigw.updateStage(b -> b.restApiId(api).stageName("prod").patchOperations(
                op("replace", "/*/*/caching/requireAuthorizationForCacheControl", "false")));
        HttpResponse<String> fresh = send("GET", api, "/items/7", "Cache-Control", "max-age=0");
        assertEquals(before + 2, CALLS.get(), "invalidated: the backend answered");
        assertFalse(cached.equals(fresh.body()));
        assertEquals(fresh.body(), send("GET", api, "/items/7").body(), "the fresh answer replaced the entry");
        assertEquals(before + 2, CALLS.get());
    }
}
