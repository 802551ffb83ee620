package io.haneul.it.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import io.haneul.sagemaker.script.PythonFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * InvokeEndpointWithResponseStream through the SDK v2 async client's event-stream handler and boto3's EventStream:
 * a built-in algorithm's answer as one PayloadPart (the same bytes InvokeEndpoint answers); a script model whose
 * transform_fn answers a generator streams each piece as it is produced (the script waits, after its first piece,
 * for a file the client writes only once it has read that piece), a failure before the first piece is the request's
 * ModelError, one after it the stream's ModelStreamError (StreamBroken, or ModelInvocationTimeExceeded past the
 * invocation timeout), and the worker answers again afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerResponseStreamIT {

    static final ObjectMapper JSON = new ObjectMapper();

    TestServer server;
    HostingClients c;
    SageMakerRuntimeAsyncClient async;
    String bucket;
    String xgboostEndpoint;

    @TempDir
    Path work;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = TestServer.start("--sagemaker-invocation-timeout-seconds", "4");
        c = new HostingClients(server);
        // no retries: the SDK would otherwise send a request again after its stream ended with an error, repeating the parts
        async = SageMakerRuntimeAsyncClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(HostingClients.ACCOUNT, "secret"))).build();
        bucket = c.bucket("stream");
        xgboostEndpoint = SageMakerClients.name("xgb-stream");
        c.xgboostModel(xgboostEndpoint, c.upload(bucket, "xgb/model.tar.gz", XgboostModels.modelTarGz(XgboostModels.separable(500, 1), dir, 10)));
        deploy(xgboostEndpoint);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            async.close();
            c.close();
            server.close();
        }
    }

    private void deploy(String model) {
        c.sm.createEndpointConfig(b -> b.endpointConfigName(model).productionVariants(v -> v.variantName("AllTraffic").modelName(model)
                .instanceType("ml.m5.large").initialInstanceCount(1)));
        c.sm.createEndpoint(b -> b.endpointName(model).endpointConfigName(model));
        c.waiter.waitUntilEndpointInService(b -> b.endpointName(model));
    }

    /** The streaming script model: greeting.txt in its model.tar.gz, stream.py in its source directory. */
    private String scriptEndpoint() {
        Assumptions.assumeTrue(PythonFinder.ofMachine(null).find().isPresent(), "no Python on this machine: script mode not tested");
        String name = SageMakerClients.name("streamer");
        c.s3.putObject(b -> b.bucket(bucket).key(name + "/model.tar.gz"),
                RequestBody.fromBytes(ScriptSources.tarGz(Map.of("greeting.txt", "hello\n".getBytes(StandardCharsets.UTF_8)))));
        c.s3.putObject(b -> b.bucket(bucket).key(name + "/sourcedir.tar.gz"), RequestBody.fromBytes(ScriptSources.sourceDir("stream.py")));
        c.sm.createModel(b -> b.modelName(name).executionRoleArn(HostingClients.ROLE).primaryContainer(p -> p
                .image(ScriptSources.SKLEARN_IMAGE).modelDataUrl("s3://" + bucket + "/" + name + "/model.tar.gz")
                .environment(Map.of("SAGEMAKER_PROGRAM", "stream.py", "SAGEMAKER_SUBMIT_DIRECTORY",
                        "s3://" + bucket + "/" + name + "/sourcedir.tar.gz"))));
        deploy(name);
        return name;
    }

    /** What one stream brought through the SDK v2: the response, the parts in order, and the error it ended with. */
    record Streamed(InvokeEndpointWithResponseStreamResponse response, List<String> parts, Throwable error) {
    }

    private Streamed stream(InvokeEndpointWithResponseStreamRequest request) {
        return stream(request, part -> { });
    }

    /** Streams, calling {@code onPart} with each part as it arrives. */
    private Streamed stream(InvokeEndpointWithResponseStreamRequest request, java.util.function.Consumer<String> onPart) {
        AtomicReference<InvokeEndpointWithResponseStreamResponse> response = new AtomicReference<>();
        List<String> parts = java.util.Collections.synchronizedList(new ArrayList<>());
        InvokeEndpointWithResponseStreamResponseHandler handler = InvokeEndpointWithResponseStreamResponseHandler.builder()
                .onResponse(response::set)
                .subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadPart(p -> {
                            parts.add(p.bytes().asUtf8String());
                            onPart.accept(p.bytes().asUtf8String());
                        }).build())
                .build();
        try {
            async.invokeEndpointWithResponseStream(request, handler).join();
            return new Streamed(response.get(), parts, null);
        } catch (CompletionException e) {
            return new Streamed(response.get(), parts, e.getCause());
        }
    }

    @Test
    void aBuiltInAlgorithmAnswersInOnePayloadPart() {
        String rows = XgboostModels.separable(50, 7).csvWithoutLabels();
        String whole = c.runtime.invokeEndpoint(b -> b.endpointName(xgboostEndpoint).contentType("text/csv")
                .body(SdkBytes.fromUtf8String(rows))).body().asUtf8String();
        Streamed s = stream(InvokeEndpointWithResponseStreamRequest.builder().endpointName(xgboostEndpoint).contentType("text/csv")
                .customAttributes("trace=1").body(SdkBytes.fromUtf8String(rows)).build());
        assertEquals(null, s.error());
        assertEquals(List.of(whole), s.parts());
        assertEquals(50, whole.strip().lines().count());
        assertEquals("text/csv", s.response().contentType());
        // the model's type is the X-Amzn-SageMaker-Content-Type header; the HTTP body is an event stream
        assertEquals(java.util.Optional.of("application/vnd.amazon.eventstream"),
                s.response().sdkHttpResponse().firstMatchingHeader("Content-Type"));
        assertEquals("AllTraffic", s.response().invokedProductionVariant());
        assertEquals("trace=1", s.response().customAttributes());
    }

    @Test
    void errorsBeforeTheStreamAreTheRequestsOwn() {
        Streamed unknown = stream(InvokeEndpointWithResponseStreamRequest.builder().endpointName("no-such-endpoint").contentType("text/csv")
                .body(SdkBytes.fromUtf8String("1,2")).build());
        SageMakerRuntimeException e = assertInstanceOf(SageMakerRuntimeException.class, unknown.error());
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        assertEquals("Endpoint no-such-endpoint of account " + HostingClients.ACCOUNT + " not found.", e.awsErrorDetails().errorMessage());

        Streamed bad = stream(InvokeEndpointWithResponseStreamRequest.builder().endpointName(xgboostEndpoint).contentType("text/csv")
                .body(SdkBytes.fromUtf8String("1,2,3,4")).build());
        SageMakerRuntimeException model = assertInstanceOf(SageMakerRuntimeException.class, bad.error());
        assertEquals("ModelError", model.awsErrorDetails().errorCode());
        assertEquals(424, model.statusCode());
        assertTrue(bad.parts().isEmpty());
    }

    @Test
    void aScriptsGeneratorStreamsPieceByPieceAndItsFailuresEndTheStream() throws Exception {
        String endpoint = scriptEndpoint();
        Path gate = work.resolve("gate");
        Path script = work.resolve("read_stream.py");
        Files.writeString(script, """
                import json, sys
                import boto3
                from botocore.exceptions import ClientError, EventStreamError
                endpoint, name, gate = sys.argv[1], sys.argv[2], sys.argv[3]
                rt = boto3.client("sagemaker-runtime", endpoint_url=endpoint, region_name="us-east-1")
                out = {}
                def read(request, on_first=None):
                    got = {"parts": []}
                    try:
                        r = rt.invoke_endpoint_with_response_stream(EndpointName=name, ContentType="application/json",
                                                                     Body=json.dumps(request))
                        got["content_type"] = r["ContentType"]
                        got["variant"] = r["InvokedProductionVariant"]
                        for event in r["Body"]:
                            got["parts"].append(event["PayloadPart"]["Bytes"].decode())
                            if on_first and len(got["parts"]) == 1:
                                on_first()
                    except EventStreamError as e:
                        got["stream_error"] = [e.response["Error"]["Code"], e.response["Error"]["Message"]]
                    except ClientError as e:
                        got["error"] = [e.response["Error"]["Code"], e.response["Error"]["Message"]]
                    return got
                out["several"] = read({"n": 4})
                out["failing"] = read({"n": 2, "then": "fail"})
                out["refused"] = read({"n": 2, "refuse": True})
                out["after"] = read({"n": 1})
                print(json.dumps(out))
                """);
        String python = Processes.pythonWithBoto3(work).orElseThrow(() -> new AssertionError("no python3 with boto3 on this machine"));
        // the gate opens only after the client received the first piece: an answer buffered until the end would never end
        Streamed gated = stream(InvokeEndpointWithResponseStreamRequest.builder().endpointName(endpoint).contentType("application/json")
                .body(SdkBytes.fromUtf8String(JSON.writeValueAsString(Map.of("n", 4, "gate", gate.toString())))).build(), part -> {
                    try {
                        Files.writeString(gate, "open");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        assertEquals(null, gated.error());
        assertEquals(List.of("hello-0 ", "hello-1 ", "hello-2 ", "hello-3 "), gated.parts());
        assertEquals("text/plain", gated.response().contentType());

        Processes.Result r = Processes.run(List.of(python, script.toString(), server.endpoint().toString(), endpoint, gate.toString()),
                HostingClients.ACCOUNT, "secret", work, 120);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode out = JSON.readTree(r.stdout());
        assertEquals(List.of("hello-0 ", "hello-1 ", "hello-2 ", "hello-3 "), JSON.convertValue(out.at("/several/parts"), List.class), out.toString());
        assertEquals("text/plain", out.at("/several/content_type").asText());
        assertEquals("AllTraffic", out.at("/several/variant").asText());
        assertEquals(List.of("hello-0 ", "hello-1 "), JSON.convertValue(out.at("/failing/parts"), List.class), out.toString());
        assertEquals("ModelStreamError", out.at("/failing/stream_error/0").asText(), out.toString());
        assertTrue(out.at("/failing/stream_error/1").asText().contains("RuntimeError: ran out of tokens"), out.toString());
        assertEquals("ModelError", out.at("/refused/error/0").asText(), out.toString());
        assertTrue(out.at("/refused/error/1").asText().contains("refused before streaming"), out.toString());
        assertEquals(List.of("hello-0 "), JSON.convertValue(out.at("/after/parts"), List.class), out.toString());

        // the same through the SDK v2: the error code of a stream that broke, and of one past the invocation timeout
        Streamed failing = stream(InvokeEndpointWithResponseStreamRequest.builder().endpointName(endpoint).contentType("application/json")
                .body(SdkBytes.fromUtf8String("{\"n\": 3, \"then\": \"fail\"}")).build());
        assertEquals(List.of("hello-0 ", "hello-1 ", "hello-2 "), failing.parts());
        assertEquals("StreamBroken", assertInstanceOf(ModelStreamErrorException.class, failing.error()).errorCode());
        Streamed hanging = stream(InvokeEndpointWithResponseStreamRequest.builder().endpointName(endpoint).contentType("application/json")
                .body(SdkBytes.fromUtf8String("{\"n\": 1, \"then\": \"hang\"}")).build());
        assertEquals(List.of("hello-0 "), hanging.parts());
        ModelStreamErrorException timedOut = assertInstanceOf(ModelStreamErrorException.class, hanging.error());
        assertEquals("ModelInvocationTimeExceeded", timedOut.errorCode());
        assertEquals("text/plain", hanging.response().contentType());
        // InvokeEndpoint joins a generator's pieces into one answer, from a fresh worker after the timeout
        assertEquals("hello-0 hello-1 ", c.runtime.invokeEndpoint(b -> b.endpointName(endpoint).contentType("application/json")
                .body(SdkBytes.fromUtf8String("{\"n\": 2}"))).body().asUtf8String());
    }
}
