package io.haneul.it.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.haneul.it.sagemaker.HostingClients.XGBOOST_IMAGE;
import static io.haneul.it.sagemaker.HostingClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SageMaker hosting end to end with SDK v2 clients and an XGBoost model trained in the test with
 * XGBoost4J: models (unknown image and missing data refused), endpoint configurations with weighted
 * variants, endpoints reaching InService through the SDK's waiter, predictions on held-out rows at
 * ≥ 95% accuracy, the runtime's headers (invoked variant, CustomAttributes, TargetVariant), AWS's
 * ModelError, ValidationError and 413 shapes, UpdateEndpoint under load without a failed request,
 * UpdateEndpointWeightsAndCapacities, data capture to S3, tags and deletion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerHostingIT {

    static final ObjectMapper JSON = new ObjectMapper();

    TestServer server;
    HostingClients c;
    String bucket;
    String modelData;
    String otherModelData;
    XgboostModels.Data heldOut = XgboostModels.separable(400, 99);

    @BeforeAll
    void start() throws Exception {
        server = newServer();
        c = new HostingClients(server);
        bucket = c.bucket("models");
        Path dir = Files.createTempDirectory("sm-host");
        modelData = c.upload(bucket, "xgb/model.tar.gz", XgboostModels.modelTarGz(XgboostModels.separable(2000, 1), dir, 30));
        Path dir2 = Files.createTempDirectory("sm-host2");
        otherModelData = c.upload(bucket, "xgb2/model.tar.gz", XgboostModels.modelTarGz(XgboostModels.separable(2000, 2), dir2, 10));
        c.xgboostModel("xgb-a", modelData);
        c.xgboostModel("xgb-b", otherModelData);
    }

    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    private DescribeEndpointResponse deploy(String endpoint, String config) {
        c.sm.createEndpoint(b -> b.endpointName(endpoint).endpointConfigName(config).tags(Tag.builder().key("team").value("ml").build()));
        return c.waiter.waitUntilEndpointInService(b -> b.endpointName(endpoint)).matched().response().orElseThrow();
    }

    private static ProductionVariant variant(String name, String model, float weight) {
        return ProductionVariant.builder().variantName(name).modelName(model).instanceType("ml.m5.large").initialInstanceCount(1)
                .initialVariantWeight(weight).build();
    }

    @Test
    void modelsAreCheckedAsAwsChecksThem() {
        AwsServiceException e = expectError("ValidationException", 400, () -> c.sm.createModel(b -> b.modelName("nope").executionRoleArn(HostingClients.ROLE)
                .primaryContainer(p -> p.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/my-own:latest").modelDataUrl(modelData))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("123456789012.dkr.ecr.us-east-1.amazonaws.com/my-own:latest"), e.getMessage());
        e = expectError("ValidationException", 400, () -> c.xgboostModel("missing-data", "s3://" + bucket + "/nothing/model.tar.gz"));
        assertTrue(e.awsErrorDetails().errorMessage().contains("Could not find model data"), e.getMessage());
        expectError("ValidationException", 400, () -> c.xgboostModel("xgb-a", modelData));
        e = expectError("ValidationException", 400, () -> c.sm.describeModel(b -> b.modelName("never-made")));
        assertEquals("Could not find model \"arn:aws:sagemaker:us-east-1:123456789012:model/never-made\".", e.awsErrorDetails().errorMessage());

        var described = c.sm.describeModel(b -> b.modelName("xgb-a"));
        assertEquals("arn:aws:sagemaker:us-east-1:123456789012:model/xgb-a", described.modelArn());
        assertEquals(XGBOOST_IMAGE, described.primaryContainer().image());
        assertEquals(modelData, described.primaryContainer().modelDataUrl());
        assertTrue(java.time.Duration.between(described.creationTime(), java.time.Instant.now()).abs().toMinutes() < 10,
                "created just now: " + described.creationTime());
        var names = c.sm.listModels(b -> b.nameContains("XGB-").sortBy("Name").sortOrder("Ascending")).models().stream()
                .map(m -> m.modelName()).toList();
        assertEquals(List.of("xgb-a", "xgb-b"), names);
        var page = c.sm.listModels(b -> b.maxResults(1).sortBy("Name").sortOrder("Ascending"));
        assertEquals(1, page.models().size());
        assertNotNull(page.nextToken());
        assertEquals("xgb-b", c.sm.listModels(b -> b.maxResults(1).sortBy("Name").sortOrder("Ascending").nextToken(page.nextToken()))
                .models().getFirst().modelName());
    }

    @Test
    void servesPredictionsThroughTheRuntime() {
        c.sm.createEndpointConfig(b -> b.endpointConfigName("serve-cfg").productionVariants(variant("AllTraffic", "xgb-a", 1f)));
        var config = c.sm.describeEndpointConfig(b -> b.endpointConfigName("serve-cfg"));
        assertEquals(1.0f, config.productionVariants().getFirst().initialVariantWeight());
        DescribeEndpointResponse ready = deploy("serve", "serve-cfg");
        assertEquals(EndpointStatus.IN_SERVICE, ready.endpointStatus());
        assertEquals("AllTraffic", ready.productionVariants().getFirst().variantName());
        assertEquals(XGBOOST_IMAGE, ready.productionVariants().getFirst().deployedImages().getFirst().specifiedImage());
        assertEquals(1, ready.productionVariants().getFirst().currentInstanceCount());

        InvokeEndpointResponse r = c.runtime.invokeEndpoint(b -> b.endpointName("serve").contentType("text/csv").accept("text/csv")
                .customAttributes("trace=abc").body(SdkBytes.fromUtf8String(heldOut.csvWithoutLabels())));
        String[] scores = r.body().asUtf8String().trim().split("\n");
        assertEquals(heldOut.rows().length, scores.length);
        double accuracy = XgboostModels.accuracy(heldOut, scores);
        assertTrue(accuracy >= 0.95, "accuracy " + accuracy);
        assertEquals("AllTraffic", r.invokedProductionVariant());
        assertEquals("trace=abc", r.customAttributes());
        assertTrue(r.contentType().startsWith("text/csv"), r.contentType());

        InvokeEndpointResponse json = c.runtime.invokeEndpoint(b -> b.endpointName("serve").contentType("text/csv")
                .accept("application/json").body(SdkBytes.fromUtf8String("0.9,0.9\n0.05,0.1")));
        JsonNode predictions = read(json.body().asUtf8String()).get("predictions");
        assertEquals(2, predictions.size());
        assertTrue(predictions.get(0).get("score").asDouble() > 0.5);
        assertTrue(predictions.get(1).get("score").asDouble() < 0.5);

        var endpoints = c.sm.listEndpoints(b -> b.nameContains("serve").statusEquals(EndpointStatus.IN_SERVICE)).endpoints();
        assertTrue(endpoints.stream().anyMatch(e -> e.endpointName().equals("serve")));
        assertEquals(List.of(Tag.builder().key("team").value("ml").build()), c.sm.listTags(b -> b.resourceArn(ready.endpointArn())).tags());
    }

    @Test
    void answersAwsErrorShapes() {
        c.sm.createEndpointConfig(b -> b.endpointConfigName("errors-cfg").productionVariants(variant("AllTraffic", "xgb-a", 1f)));
        deploy("errors", "errors-cfg");
        ModelErrorException e = (ModelErrorException) expectError("ModelError", 424, () -> c.runtime.invokeEndpoint(b -> b.endpointName("errors")
                .contentType("text/csv").body(SdkBytes.fromUtf8String("1,2,3,4"))));
        assertEquals(400, e.originalStatusCode());
        assertTrue(e.originalMessage().contains("Feature size"), e.originalMessage());
        assertEquals("arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/errors", e.logStreamArn());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Received client error (400) from primary with message \""), e.getMessage());

        AwsServiceException v = expectError("ValidationError", 400, () -> c.runtime.invokeEndpoint(b -> b.endpointName("no-such-endpoint")
                .contentType("text/csv").body(SdkBytes.fromUtf8String("1,2"))));
        assertEquals("Endpoint no-such-endpoint of account 123456789012 not found.", v.awsErrorDetails().errorMessage());
        expectError("ValidationError", 400, () -> c.runtime.invokeEndpoint(b -> b.endpointName("errors").targetVariant("Nope")
                .contentType("text/csv").body(SdkBytes.fromUtf8String("1,2"))));
        byte[] big = new byte[6 * 1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) '1');
        // the SDK retries a refused upload until the pipe breaks; a plain client asking "Expect: 100-continue"
        // reads the 413 answered before the body (without it, a busy machine may see the connection closed mid-upload)
        var tooBig = JavaHttp.send(java.net.http.HttpRequest.newBuilder(server.endpoint().resolve("/endpoints/errors/invocations"))
                .expectContinue(true).header("Content-Type", "text/csv")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=00")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(big)).build());
        assertEquals(413, tooBig.statusCode(), JavaHttp.text(tooBig));

        expectError("ValidationException", 400, () -> c.sm.createEndpoint(b -> b.endpointName("errors").endpointConfigName("errors-cfg")));
        expectError("ValidationException", 400, () -> c.sm.createEndpoint(b -> b.endpointName("x").endpointConfigName("no-cfg")));
        expectError("ValidationException", 400, () -> c.sm.createEndpointConfig(b -> b.endpointConfigName("bad-cfg")
                .productionVariants(variant("A", "no-model", 1f))));
        expectError("ValidationException", 400, () -> c.sm.describeEndpoint(b -> b.endpointName("no-such-endpoint")));

        c.sm.deleteEndpoint(b -> b.endpointName("errors"));
        expectError("ValidationError", 400, () -> c.runtime.invokeEndpoint(b -> b.endpointName("errors").contentType("text/csv")
                .body(SdkBytes.fromUtf8String("1,2"))));
        expectError("ValidationException", 400, () -> c.sm.deleteEndpoint(b -> b.endpointName("errors")));
    }

    @Test
    void routesByWeightAndTargetVariantAndMovesWeights() {
        c.sm.createEndpointConfig(b -> b.endpointConfigName("ab-cfg").productionVariants(variant("A", "xgb-a", 1f), variant("B", "xgb-b", 0f)));
        deploy("ab", "ab-cfg");
        for (int i = 0; i < 20; i++) {
            assertEquals("A", invoke("ab", null).invokedProductionVariant());
        }
        assertEquals("B", invoke("ab", "B").invokedProductionVariant());
        c.sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ab").desiredWeightsAndCapacities(
                d -> d.variantName("A").desiredWeight(0f), d -> d.variantName("B").desiredWeight(1f).desiredInstanceCount(2)));
        DescribeEndpointResponse moved = c.waiter.waitUntilEndpointInService(b -> b.endpointName("ab")).matched().response().orElseThrow();
        var b = moved.productionVariants().stream().filter(v -> v.variantName().equals("B")).findFirst().orElseThrow();
        assertEquals(1f, b.currentWeight());
        assertEquals(2, b.currentInstanceCount());
        for (int i = 0; i < 20; i++) {
            assertEquals("B", invoke("ab", null).invokedProductionVariant());
        }
        expectError("ValidationException", 400, () -> c.sm.updateEndpointWeightsAndCapacities(r -> r.endpointName("ab")
                .desiredWeightsAndCapacities(d -> d.variantName("C").desiredWeight(1f))));
    }

    @Test
    void updateSwapsModelsWithoutDroppingRequests() throws Exception {
        c.sm.createEndpointConfig(b -> b.endpointConfigName("blue").productionVariants(variant("Blue", "xgb-a", 1f)));
        c.sm.createEndpointConfig(b -> b.endpointConfigName("green").productionVariants(variant("Green", "xgb-b", 1f)));
        deploy("bluegreen", "blue");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        Map<String, Integer> seen = new HashMap<>();
        Thread load = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                try {
                    String v = invoke("bluegreen", null).invokedProductionVariant();
                    synchronized (seen) {
                        seen.merge(v, 1, Integer::sum);
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                }
            }
        });
        c.sm.updateEndpoint(b -> b.endpointName("bluegreen").endpointConfigName("green"));
        DescribeEndpointResponse after = c.waiter.waitUntilEndpointInService(b -> b.endpointName("bluegreen")).matched().response().orElseThrow();
        assertEquals("green", after.endpointConfigName());
        assertEquals("Green", invoke("bluegreen", null).invokedProductionVariant());
        running.set(false);
        load.join();
        assertEquals(0, failures.get(), "requests failed during the swap: " + seen);
        assertTrue(seen.containsKey("Green"), seen.toString());
    }

    @Test
    void capturesRequestsAndAnswersToS3() throws Exception {
        String capture = c.bucket("capture");
        c.sm.createEndpointConfig(b -> b.endpointConfigName("capture-cfg").productionVariants(variant("AllTraffic", "xgb-a", 1f))
                .dataCaptureConfig(d -> d.enableCapture(true).initialSamplingPercentage(100).destinationS3Uri("s3://" + capture + "/dc")
                        .captureOptions(o -> o.captureMode("Input"), o -> o.captureMode("Output"))));
        DescribeEndpointResponse e = deploy("captured", "capture-cfg");
        assertEquals("Started", e.dataCaptureConfig().captureStatusAsString());
        assertEquals(100, e.dataCaptureConfig().currentSamplingPercentage());
        c.runtime.invokeEndpoint(b -> b.endpointName("captured").contentType("text/csv").inferenceId("inf-1")
                .body(SdkBytes.fromUtf8String("0.9,0.9")));
        var objects = c.s3.listObjectsV2(b -> b.bucket(capture).prefix("dc/captured/AllTraffic/")).contents();
        assertEquals(1, objects.size());
        assertTrue(objects.getFirst().key().matches("dc/captured/AllTraffic/\\d{4}/\\d{2}/\\d{2}/\\d{2}/.+\\.jsonl"), objects.getFirst().key());
        String line = c.s3.getObjectAsBytes(b -> b.bucket(capture).key(objects.getFirst().key())).asUtf8String();
        JsonNode n = read(line.trim());
        assertEquals("0.9,0.9", n.at("/captureData/endpointInput/data").asText());
        assertEquals("CSV", n.at("/captureData/endpointInput/encoding").asText());
        assertEquals("INPUT", n.at("/captureData/endpointInput/mode").asText());
        assertEquals("OUTPUT", n.at("/captureData/endpointOutput/mode").asText());
        assertTrue(Double.parseDouble(n.at("/captureData/endpointOutput/data").asText().trim()) > 0.5);
        assertEquals("inf-1", n.at("/eventMetadata/inferenceId").asText());
        assertEquals("0", n.get("eventVersion").asText());
    }

    private InvokeEndpointResponse invoke(String endpoint, String variant) {
        return c.runtime.invokeEndpoint(b -> b.endpointName(endpoint).contentType("text/csv").targetVariant(variant)
                .body(SdkBytes.fromString("0.2,0.3", StandardCharsets.UTF_8)));
    }

    private static JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(s, e);
        }
    }
}
