package io.haneul.it.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ONNX models served as SageMaker's Triton container serves them, through the SDK v2: a model repository in
 * model.tar.gz ({@code linear/config.pbtxt}, {@code linear/1/model.onnx}, a model written in the test), the Triton
 * image and SAGEMAKER_TRITON_DEFAULT_MODEL_NAME; requests in Triton's JSON protocol (all outputs, a chosen output,
 * nested data) and CSV rows, answers checked against the model's arithmetic; bad datatypes and shapes as ModelError
 * with status 400; a repository whose model is not ONNX fails the endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerOnnxIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TRITON_IMAGE = "785573368785.dkr.ecr.us-east-1.amazonaws.com/sagemaker-tritonserver:24.09-py3";

    TestServer server;
    HostingClients c;
    String bucket;
    String endpoint;

    @BeforeAll
    void start() {
        server = TestServer.start();
        c = new HostingClients(server);
        bucket = c.bucket("onnx");
        Map<String, byte[]> repository = new LinkedHashMap<>();
        repository.put("linear/config.pbtxt", "name: \"linear\"\nbackend: \"onnxruntime\"\nmax_batch_size: 0\n".getBytes(StandardCharsets.UTF_8));
        repository.put("linear/1/model.onnx", OnnxGraphs.linearClassifier());
        endpoint = deploy("linear", ScriptSources.tarGz(repository));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            c.close();
            server.close();
        }
    }

    private String deploy(String modelName, byte[] modelTarGz) {
        return deploy(modelName, "model.tar.gz", modelTarGz);
    }

    private String deploy(String modelName, String file, byte[] modelData) {
        String name = SageMakerClients.name("onnx");
        c.s3.putObject(b -> b.bucket(bucket).key(name + "/" + file), RequestBody.fromBytes(modelData));
        Map<String, String> environment = modelName == null ? Map.of() : Map.of("SAGEMAKER_TRITON_DEFAULT_MODEL_NAME", modelName);
        c.sm.createModel(b -> b.modelName(name).executionRoleArn(HostingClients.ROLE).primaryContainer(p -> p.image(TRITON_IMAGE)
                .modelDataUrl("s3://" + bucket + "/" + name + "/" + file).environment(environment)));
        c.sm.createEndpointConfig(b -> b.endpointConfigName(name).productionVariants(v -> v.variantName("AllTraffic").modelName(name)
                .instanceType("ml.g5.xlarge").initialInstanceCount(1)));
        c.sm.createEndpoint(b -> b.endpointName(name).endpointConfigName(name));
        return name;
    }

    private JsonNode invoke(String contentType, String body) throws Exception {
        return invoke(endpoint, contentType, body);
    }

    private JsonNode invoke(String target, String contentType, String body) throws Exception {
        InvokeEndpointResponse r = c.runtime.invokeEndpoint(b -> b.endpointName(target).contentType(contentType)
                .body(SdkBytes.fromUtf8String(body)));
        assertEquals("application/json", r.contentType());
        return JSON.readTree(r.body().asUtf8String());
    }

    private static void assertLogits(float[][] rows, JsonNode output) {
        assertEquals("logits", output.get("name").asText());
        assertEquals("FP32", output.get("datatype").asText());
        assertEquals(List.of(rows.length, 2), JSON.convertValue(output.get("shape"), List.class));
        for (int r = 0; r < rows.length; r++) {
            float[] expected = OnnxGraphs.logits(rows[r]);
            for (int j = 0; j < 2; j++) {
                assertEquals(expected[j], output.get("data").get(2 * r + j).floatValue(), 1e-5, output.toString());
            }
        }
    }

    @Test
    void tritonsJsonProtocolRunsTheOnnxModel() throws Exception {
        c.waiter.waitUntilEndpointInService(b -> b.endpointName(endpoint));
        float[][] rows = {{1f, 2f, 3f}, {-2f, 0.5f, 4f}};
        JsonNode answer = invoke("application/json", """
                {"id": "req-1", "inputs": [{"name": "x", "shape": [2, 3], "datatype": "FP32", "data": [1, 2, 3, -2, 0.5, 4]}]}""");
        assertEquals("req-1", answer.get("id").asText());
        assertEquals("linear", answer.get("model_name").asText());
        assertEquals("1", answer.get("model_version").asText());
        assertEquals(2, answer.get("outputs").size(), answer.toString());
        JsonNode logits = null;
        JsonNode label = null;
        for (JsonNode o : answer.get("outputs")) {
            if (o.get("name").asText().equals("logits")) {
                logits = o;
            } else {
                label = o;
            }
        }
        assertLogits(rows, logits);
        assertEquals("INT64", label.get("datatype").asText());
        assertEquals(List.of(2), JSON.convertValue(label.get("shape"), List.class));
        for (int r = 0; r < rows.length; r++) {
            float[] l = OnnxGraphs.logits(rows[r]);
            assertEquals(l[1] > l[0] ? 1 : 0, label.get("data").get(r).asInt());
        }

        JsonNode only = invoke("application/json", """
                {"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP32", "data": [[1, 2, 3]]}], "outputs": [{"name": "label"}]}""");
        assertEquals(1, only.get("outputs").size());
        assertEquals("label", only.at("/outputs/0/name").asText());

        JsonNode csv = invoke("text/csv", "1,2,3\n-2,0.5,4\n");
        JsonNode csvLogits = csv.get("outputs").get(0).get("name").asText().equals("logits") ? csv.get("outputs").get(0) : csv.get("outputs").get(1);
        assertLogits(rows, csvLogits);
    }

    @Test
    void requestsTheModelCannotTakeAreModelErrors() {
        c.waiter.waitUntilEndpointInService(b -> b.endpointName(endpoint));
        AwsServiceException type = HostingClients.expectError("ModelError", 424, () -> c.runtime.invokeEndpoint(b -> b.endpointName(endpoint)
                .contentType("application/json").body(SdkBytes.fromUtf8String(
                        "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP64\", \"data\": [1, 2, 3]}]}"))));
        assertTrue(type.getMessage().contains("Received client error (400) from primary")
                && type.getMessage().contains("unexpected datatype FP64 for inference input 'x', expecting FP32"), type.getMessage());
        AwsServiceException shape = HostingClients.expectError("ModelError", 424, () -> c.runtime.invokeEndpoint(b -> b.endpointName(endpoint)
                .contentType("application/json").body(SdkBytes.fromUtf8String(
                        "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4]}]}"))));
        assertTrue(shape.getMessage().contains("unexpected shape for input 'x'"), shape.getMessage());
        AwsServiceException count = HostingClients.expectError("ModelError", 424, () -> c.runtime.invokeEndpoint(b -> b.endpointName(endpoint)
                .contentType("application/json").body(SdkBytes.fromUtf8String(
                        "{\"inputs\": [{\"name\": \"x\", \"shape\": [2, 3], \"datatype\": \"FP32\", \"data\": [1, 2, 3]}]}"))));
        assertTrue(count.getMessage().contains("shape [2, 3] holds 6 but 3 were given"), count.getMessage());
        HostingClients.expectError("ModelError", 424, () -> c.runtime.invokeEndpoint(b -> b.endpointName(endpoint)
                .contentType("application/json").body(SdkBytes.fromUtf8String("{\"inputs\": [{\"name\": \"y\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}"))));
    }

    @Test
    void aModelDataUrlNamingAnOnnxFileIsTheModel() throws Exception {
        String bare = deploy(null, "classifier.onnx", OnnxGraphs.linearClassifier());
        c.waiter.waitUntilEndpointInService(b -> b.endpointName(bare));
        JsonNode answer = invoke(bare, "text/csv", "0,0,1\n");
        assertEquals("classifier", answer.get("model_name").asText());
        assertEquals("1", answer.get("model_version").asText());
        float[] expected = OnnxGraphs.logits(new float[]{0, 0, 1});
        for (JsonNode o : answer.get("outputs")) {
            if (o.get("name").asText().equals("label")) {
                assertEquals(expected[1] > expected[0] ? 1 : 0, o.at("/data/0").asInt(), answer.toString());
            } else {
                assertEquals(expected[0], o.at("/data/0").floatValue(), 1e-5, answer.toString());
            }
        }
    }

    @Test
    void aRepositoryWhoseModelIsNotOnnxFailsTheEndpoint() {
        Map<String, byte[]> repository = new LinkedHashMap<>();
        repository.put("engine/config.pbtxt", "name: \"engine\"\nplatform: \"tensorrt_plan\"\n".getBytes(StandardCharsets.UTF_8));
        repository.put("engine/1/model.plan", new byte[]{1, 2, 3});
        String failing = deploy("engine", ScriptSources.tarGz(repository));
        DescribeEndpointResponse d;
        do {
            d = c.sm.describeEndpoint(b -> b.endpointName(failing));
        } while (d.endpointStatusAsString().equals("Creating") && sleep());
        assertEquals("Failed", d.endpointStatusAsString());
        assertTrue(d.failureReason().contains("only ONNX models are served"), d.failureReason());
    }

    private static boolean sleep() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
