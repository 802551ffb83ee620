package io.haneul.core.routing;

import io.haneul.core.dataplane.ApiAddressing;
import io.haneul.core.model.ModelLoader;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The resolver tells apart models that share a signing name from the models themselves (the path
 * prefix all of a model's operations share), and takes hosts and unplaced requests from the
 * modules' addressing, in the documented order.
 */
class ServiceResolverTest {

    static List<ServiceModel> metadata = new ArrayList<>();
    static ModelLoader loader = new ModelLoader();
    static Map<String, String> files = new java.util.HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ServiceResolverTest.class.getResourceAsStream("/aws-models/index.txt")) {
            for (String stem : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\s+")) {
                if (!stem.isBlank()) {
                    ServiceModel m = loader.loadMetadata(stem);
                    metadata.add(m);
                    files.put(m.id(), stem);
                }
            }
        }
    }

    static ServiceResolver resolver(Map<String, ApiAddressing> addressing) {
        return new ServiceResolver(metadata, "us-east-1", id -> loader.requestUris(files.get(id)), addressing);
    }

    static WireRequest signed(String method, String path, String signingName) {
        Headers h = new Headers().set("Host", "localhost:4566").set("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/eu-west-1/" + signingName + "/aws4_request, SignedHeaders=host, Signature=00");
        return new WireRequest(method, path, "", h, null);
    }

    @Test
    void modelsSharingASigningNameAreToldApartByTheirOperationsPathPrefix() {
        ServiceResolver r = resolver(Map.of());
        assertEquals("sesv2", r.resolve(signed("POST", "/v2/email/outbound-emails", "ses")).serviceId());
        assertEquals("ses", r.resolve(signed("POST", "/", "ses")).serviceId());
        assertEquals("apigatewayv2", r.resolve(signed("GET", "/v2/apis", "apigateway")).serviceId());
        assertEquals("apigateway", r.resolve(signed("GET", "/restapis", "apigateway")).serviceId());
        assertEquals("cloudsearchdomain", r.resolve(signed("POST", "/2013-01-01/documents/batch", "cloudsearch")).serviceId());
        assertEquals("cloudsearch", r.resolve(signed("POST", "/", "cloudsearch")).serviceId());
        assertEquals("sagemaker-runtime", r.resolve(signed("POST", "/endpoints/e/invocations", "sagemaker")).serviceId());
        assertEquals("sagemaker", r.resolve(signed("POST", "/", "sagemaker")).serviceId());
        assertEquals("apigatewaymanagementapi", r.resolve(signed("POST", "/@connections/abc", "execute-api")).serviceId());
        assertEquals("cloudwatch", r.resolve(signed("POST", "/", "monitoring")).serviceId());
        assertEquals("eu-west-1", r.resolve(signed("POST", "/", "sqs")).region());
        assertEquals("sesv2", r.resolve(signed("GET", "/x", "sesv2")).serviceId(), "a scope naming the model id");
        assertEquals("sagemaker", r.resolve(signed("POST", "/", "api.sagemaker")).serviceId(), "or its endpoint prefix");
    }

    @Test
    void commonLiteralPrefixStopsAtLabelsAndQueries() {
        assertEquals("/v2/email/", ServiceResolver.commonLiteralPrefix(List.of("/v2/email/identities", "/v2/email/outbound-emails")));
        assertEquals("/endpoints/", ServiceResolver.commonLiteralPrefix(List.of("/endpoints/{EndpointName}/invocations",
                "/endpoints/{EndpointName}/async-invocations")));
        assertEquals("/2013-01-01/", ServiceResolver.commonLiteralPrefix(List.of("/2013-01-01/search?format=sdk",
                "/2013-01-01/suggest?format=sdk")));
        assertEquals("/", ServiceResolver.commonLiteralPrefix(List.of("/", "/")));
        assertEquals("/", ServiceResolver.commonLiteralPrefix(List.of()));
    }

    @Test
    void moduleHostsComeAfterTheEndpointPrefixAndClaimsComeLast() {
        ApiAddressing buckets = new ApiAddressing() {
            @Override
            public List<HostPattern> hosts() {
                return List.of(HostPattern.of("*.localhost"));
            }

            @Override
            public boolean claimsUnplaced(WireRequest request) {
                return request.header("X-Unplaced") != null;
            }
        };
        ServiceResolver r = resolver(Map.of("s3", buckets));
        assertEquals("s3", r.resolve(host("photos.localhost")).serviceId());
        assertEquals("sqs", r.resolve(host("sqs.us-east-1.localhost")).serviceId(), "the endpoint prefix is asked first");
        assertEquals("us-east-1", r.resolve(host("sqs.us-east-1.localhost")).region());
        assertNull(r.resolve(host("localhost")).serviceId());
        WireRequest unplaced = new WireRequest("GET", "/x", "", new Headers().set("Host", "localhost").set("X-Unplaced", "1"), null);
        assertEquals("s3", r.resolve(unplaced).serviceId());
        assertNull(resolver(Map.of()).resolve(unplaced).serviceId(), "without the module nothing claims it");
        assertNull(resolver(Map.of()).resolve(host("photos.localhost")).serviceId());
    }

    static WireRequest host(String host) {
        return new WireRequest("GET", "/", "", new Headers().set("Host", host), null);
    }

    static WireRequest form(String body) {
        return new WireRequest("POST", "/", "", new Headers().set("Host", "localhost:4566")
                .set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void beforeItsBodyIsReadAFormPostPlacedOnlyByItsBodyIsNotPlacedAtAll() {
        ServiceResolver r = resolver(Map.of());
        WireRequest sendMessage = form("Action=SendMessage&Version=2012-11-05&MessageBody=" + "a".repeat(1000));
        assertEquals("sqs", r.resolve(sendMessage).serviceId());
        WireRequest head = new WireRequest("POST", "/", "", sendMessage.headers(), null);
        assertNull(r.resolveBeforeBody(head).serviceId());
        assertEquals("sqs", r.resolveBeforeBody(signed("POST", "/", "sqs")).serviceId(), "a signature places it");
        WireRequest target = new WireRequest("POST", "/", "", new Headers().set("Host", "localhost:4566")
                .set("X-Amz-Target", "AmazonSQS.SendMessage").set("Content-Type", "application/x-amz-json-1.0"), null);
        assertEquals("sqs", r.resolveBeforeBody(target).serviceId(), "a target places it");
    }

    @Test
    void aFormsActionAndVersionAreFoundWhereverTheyAreAndDecoded() {
        ServiceResolver r = resolver(Map.of());
        assertEquals("sts", r.resolve(form("Version=2011-06-15&Action=GetCallerIdentity")).serviceId());
        assertEquals("sqs", r.resolve(form("MessageBody=Version%3D2011-06-15&Action=SendMessage&Version=2012-11-05")).serviceId());
        assertEquals("sqs", r.resolve(form("XVersion=2011-06-15&Action=SendMessage&Version=2012%2D11%2D05")).serviceId());
        assertNull(r.resolve(form("Version=2012-11-05")).serviceId(), "no Action");
    }
}
