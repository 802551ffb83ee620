package io.haneul.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamCompleteEvent;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamRequest;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponse;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * InvokeWithResponseStream through the SDK v2 async client's event-stream handler (and boto3's
 * EventStream), and the deprecated InvokeAsync through boto3 (the SDK v2 has no InvokeAsync).
 */
class LambdaResponseStreamIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLE = "arn:aws:iam::123456789012:role/lambda-exec";
    static TestServer server;
    static LambdaClient lambda;
    static LambdaAsyncClient async;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        lambda = LambdaFunctionsSdkV2IT.client(server);
        async = LambdaAsyncClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "secret"))).build();
    }

    @AfterAll
    static void stop() throws Exception {
        async.close();
        lambda.close();
        server.close();
    }

    static String create(String code) {
        String name = "stream-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler").timeout(10)
                .code(c -> c.zipFile(Zips.of(Map.of("app.py", code)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return name;
    }

    /** What one stream brought: the response, the chunks in order, and the completion event. */
    record Streamed(InvokeWithResponseStreamResponse response, List<byte[]> chunks, InvokeWithResponseStreamCompleteEvent complete) {

        String payload() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            chunks.forEach(all::writeBytes);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    static Streamed stream(InvokeWithResponseStreamRequest request) {
        AtomicReference<InvokeWithResponseStreamResponse> response = new AtomicReference<>();
        List<byte[]> chunks = new ArrayList<>();
        AtomicReference<InvokeWithResponseStreamCompleteEvent> complete = new AtomicReference<>();
        InvokeWithResponseStreamResponseHandler handler = InvokeWithResponseStreamResponseHandler.builder()
                .onResponse(response::set)
                .subscriber(InvokeWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadChunk(c -> chunks.add(c.payload().asByteArray()))
                        .onInvokeComplete(complete::set).build())
                .build();
        async.invokeWithResponseStream(request, handler).join();
        return new Streamed(response.get(), chunks, complete.get());
    }

    @Test
    void aFunctionsWholeResultComesAsPayloadChunksThenInvokeComplete() throws Exception {
        String name = create("""
                def handler(event, context):
                    print("streaming", event["n"])
                    return {"n": event["n"], "filler": "x" * 100000}
                """);
        Streamed s = stream(InvokeWithResponseStreamRequest.builder().functionName(name).logType("Tail")
                .payload(SdkBytes.fromUtf8String("{\"n\":7}")).build());
        assertEquals(200, s.response().statusCode());
        assertEquals("$LATEST", s.response().executedVersion());
        assertEquals("application/vnd.amazon.eventstream", s.response().responseStreamContentType());
        assertTrue(s.chunks().size() > 1, "a 100 KB answer comes in several chunks: " + s.chunks().size());
        JsonNode out = JSON.readTree(s.payload());
        assertEquals(7, out.get("n").asInt());
        assertEquals(100000, out.get("filler").asText().length());
        assertNullOrEmpty(s.complete().errorCode());
        String log = new String(Base64.getDecoder().decode(s.complete().logResult()), StandardCharsets.UTF_8);
        assertTrue(log.contains("streaming 7") && log.contains("REPORT RequestId:"), log);
    }

    @Test
    void aFunctionErrorIsReportedInInvokeComplete() throws Exception {
        String name = create("""
                def handler(event, context):
                    raise ValueError("no good: " + event["why"])
                """);
        Streamed s = stream(InvokeWithResponseStreamRequest.builder().functionName(name)
                .payload(SdkBytes.fromUtf8String("{\"why\":\"testing\"}")).build());
        assertEquals(200, s.response().statusCode());
        assertTrue(s.chunks().isEmpty(), () -> "no payload for an error: " + s.payload());
        assertEquals("Unhandled", s.complete().errorCode());
        JsonNode details = JSON.readTree(s.complete().errorDetails());
        assertEquals("ValueError", details.get("errorType").asText());
        assertEquals("no good: testing", details.get("errorMessage").asText());
        assertNull(s.complete().logResult(), "no LogType: no log");
    }

    @Test
    void aVersionIsStreamedUnderItsNumberAndUnknownFunctionsAreNotFound() {
        String name = create("def handler(event, context):\n    return 'v1'\n");
        String version = lambda.publishVersion(b -> b.functionName(name)).version();
        Streamed s = stream(InvokeWithResponseStreamRequest.builder().functionName(name).qualifier(version).build());
        assertEquals(version, s.response().executedVersion());
        assertEquals("\"v1\"", s.payload());

        Streamed dryRun = stream(InvokeWithResponseStreamRequest.builder().functionName(name).invocationType("DryRun").build());
        assertEquals(204, dryRun.response().statusCode());
        assertTrue(dryRun.chunks().isEmpty());
        assertNull(dryRun.complete(), "no events for a dry run");

        CompletionException e = assertThrows(CompletionException.class,
                () -> stream(InvokeWithResponseStreamRequest.builder().functionName("no-such-fn-" + UUID.randomUUID()).build()));
        assertInstanceOf(ResourceNotFoundException.class, e.getCause());
    }

    @Test
    void boto3ReadsTheEventStreamAndQueuesInvokeAsync() throws Exception {
        Path marker = work.resolve("ran-" + UUID.randomUUID() + ".txt");
        String name = create("""
                def handler(event, context):
                    if "path" in event:
                        with open(event["path"], "w") as f:
                            f.write("async " + event["word"])
                    return {"echo": event}
                """);
        Path script = work.resolve("stream.py");
        Files.writeString(script, """
                import json, sys
                import boto3
                client = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1")
                r = client.invoke_with_response_stream(FunctionName=sys.argv[2], Payload=json.dumps({"a": 1}))
                chunks, complete = [], None
                for event in r["EventStream"]:
                    if "PayloadChunk" in event:
                        chunks.append(event["PayloadChunk"]["Payload"])
                    elif "InvokeComplete" in event:
                        complete = event["InvokeComplete"]
                queued = client.invoke_async(FunctionName=sys.argv[2], InvokeArgs=json.dumps({"path": sys.argv[3], "word": "hello"}))
                print(json.dumps({"status": r["StatusCode"], "contentType": r["ResponseStreamContentType"],
                                  "version": r["ExecutedVersion"], "payload": json.loads(b"".join(chunks)),
                                  "complete": complete, "asyncStatus": queued["Status"]}))
                """);
        Optional<String> python = Processes.pythonWithBoto3(work);
        org.junit.jupiter.api.Assumptions.assumeTrue(python.isPresent(), "no python3 with boto3 on this machine");
        Processes.Result p = Processes.run(List.of(python.get(), script.toString(), server.endpoint().toString(), name,
                marker.toString()), "123456789012", "secret", work, 120);
        assertEquals(0, p.exitCode(), p::toString);
        JsonNode out = JSON.readTree(p.stdout());
        assertEquals(200, out.get("status").asInt());
        assertEquals("application/vnd.amazon.eventstream", out.get("contentType").asText());
        assertEquals("$LATEST", out.get("version").asText());
        assertEquals(1, out.get("payload").get("echo").get("a").asInt());
        assertTrue(out.get("complete").isObject(), out.toString());
        assertEquals(202, out.get("asyncStatus").asInt());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(marker) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals("async hello", Files.readString(marker));
    }

    @Test
    void invokeAsyncOfAnUnknownFunctionIsNotFound() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        server.endpoint().resolve("/2014-11-13/functions/no-such-fn/invoke-async/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/lambda/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode(), r.body());
        assertEquals("ResourceNotFoundException", r.headers().firstValue("x-amzn-ErrorType").orElse("").split(":")[0], r.body());
    }

    static String createNode(String code) {
        String name = "nstream-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("nodejs20.x").role(ROLE).handler("index.handler").timeout(20)
                .code(c -> c.zipFile(Zips.of(Map.of("index.js", code)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return name;
    }

    /**
     * A Node handler wrapped in awslambda.streamifyResponse streams for real: it writes a first piece,
     * then waits for a file that the test creates only once that piece has arrived; a server that
     * buffered the answer would never deliver it and the function would time out.
     */
    @Test
    void aStreamingNodeFunctionsPiecesArriveBeforeItEnds() throws Exception {
        Path gate = work.resolve("gate-" + UUID.randomUUID());
        String name = createNode("""
                const fs = require('fs');
                exports.handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
                  responseStream.setContentType('text/plain');
                  responseStream.write('first;');
                  while (!fs.existsSync(event.gate)) await new Promise((r) => setTimeout(r, 20));
                  console.log('gate opened');
                  responseStream.write('second;');
                  responseStream.end('third');
                });
                """);
        List<String> pieces = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicReference<InvokeWithResponseStreamCompleteEvent> complete = new AtomicReference<>();
        InvokeWithResponseStreamResponseHandler handler = InvokeWithResponseStreamResponseHandler.builder()
                .subscriber(InvokeWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadChunk(c -> {
                            pieces.add(c.payload().asUtf8String());
                            try {
                                Files.writeString(gate, "open");
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        })
                        .onInvokeComplete(complete::set).build())
                .build();
        String event = JSON.writeValueAsString(Map.of("gate", gate.toString()));
        async.invokeWithResponseStream(b -> b.functionName(name).logType("Tail").payload(SdkBytes.fromUtf8String(event)), handler).join();
        assertEquals("first;second;third", String.join("", pieces));
        assertTrue(pieces.size() >= 2, pieces.toString());
        assertNullOrEmpty(complete.get().errorCode());
        String log = new String(Base64.getDecoder().decode(complete.get().logResult()), StandardCharsets.UTF_8);
        assertTrue(log.contains("gate opened"), log);

        // the same function invoked the buffered way answers everything it wrote
        Files.writeString(gate, "open");
        var buffered = lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(event)));
        assertNull(buffered.functionError());
        assertEquals("first;second;third", buffered.payload().asUtf8String());
    }

    @Test
    void aStreamingNodeFunctionFailingBeforeItWritesIsAnUnhandledError() throws Exception {
        String name = createNode("""
                exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  throw new TypeError('nothing to stream');
                });
                """);
        Streamed s = stream(InvokeWithResponseStreamRequest.builder().functionName(name).build());
        assertTrue(s.chunks().isEmpty(), s::payload);
        assertEquals("Unhandled", s.complete().errorCode());
        assertEquals("TypeError", JSON.readTree(s.complete().errorDetails()).get("errorType").asText());
    }

    /**
     * A streaming function that fails after it wrote: its runtime ends the response with the Runtime
     * API's error trailers, and, as on AWS, the chunks written so far arrive and InvokeComplete carries
     * the error (ErrorCode the runtime's error type, ErrorDetails its error document, the log tail).
     */
    @Test
    void aStreamingNodeFunctionFailingMidStreamReportsTheErrorInInvokeComplete() throws Exception {
        String name = createNode("""
                exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  responseStream.setContentType('text/plain');
                  responseStream.write('part one;');
                  await new Promise((r) => setTimeout(r, 10));
                  throw new RangeError('broke mid-stream');
                });
                """);
        Streamed s = stream(InvokeWithResponseStreamRequest.builder().functionName(name).logType("Tail").build());
        assertEquals(200, s.response().statusCode());
        assertEquals("part one;", s.payload());
        assertEquals("RangeError", s.complete().errorCode());
        JsonNode details = JSON.readTree(s.complete().errorDetails());
        assertEquals("RangeError", details.get("errorType").asText());
        assertEquals("broke mid-stream", details.get("errorMessage").asText());
        String log = new String(Base64.getDecoder().decode(s.complete().logResult()), StandardCharsets.UTF_8);
        assertTrue(log.contains("Invoke Error") && log.contains("REPORT RequestId:"), log);

        // the buffered Invoke of the same function answers the error
        var buffered = lambda.invoke(b -> b.functionName(name));
        assertEquals("Unhandled", buffered.functionError());
        assertEquals("broke mid-stream", JSON.readTree(buffered.payload().asByteArray()).get("errorMessage").asText());
    }

    /** A RESPONSE_STREAM URL whose function fails after it wrote: the status and what was written arrive, then the body breaks off. */
    @Test
    void aResponseStreamFunctionUrlIsCutShortWhenTheFunctionFailsMidStream() throws Exception {
        String name = createNode("""
                exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  const http = awslambda.HttpResponseStream.from(responseStream, { statusCode: 200, headers: { 'Content-Type': 'text/plain' } });
                  http.write('hello ');
                  await new Promise((r) => setTimeout(r, 10));
                  throw new Error('gone wrong');
                });
                """);
        String url = lambda.createFunctionUrlConfig(b -> b.functionName(name).authType("NONE").invokeMode("RESPONSE_STREAM")).functionUrl();
        LambdaFunctionUrlIT.grantPublicAccess(lambda, name);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("http://([a-z0-9]{32})\\.lambda-url").matcher(url);
        assertTrue(m.find(), url);
        java.net.http.HttpResponse<java.io.InputStream> r = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(server.endpoint() + "/_aws/lambda-url/" + m.group(1) + "/")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        try (java.io.InputStream body = r.body()) {
            assertEquals("hello ", new String(body.readNBytes(6), StandardCharsets.UTF_8));
            assertThrows(java.io.IOException.class, body::readAllBytes, "the answer ends without its last chunk");
        }
    }

    /**
     * A RESPONSE_STREAM function URL of a streaming Node function: the prelude's status and headers,
     * then the body as it is written; the function waits for a file the test creates only once the
     * first piece arrived, so a buffered answer would never come.
     */
    @Test
    void aResponseStreamFunctionUrlStreamsWithThePreludesStatusAndHeaders() throws Exception {
        Path gate = work.resolve("url-gate-" + UUID.randomUUID());
        String name = createNode("""
                const fs = require('fs');
                exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  const http = awslambda.HttpResponseStream.from(responseStream,
                    { statusCode: 201, headers: { 'Content-Type': 'text/plain', 'X-Streamed': 'yes' }, cookies: ['a=1'] });
                  http.write('hello ');
                  while (!fs.existsSync('GATE')) await new Promise((r) => setTimeout(r, 20));
                  http.end('world');
                });
                """.replace("GATE", gate.toString()));
        String url = lambda.createFunctionUrlConfig(b -> b.functionName(name).authType("NONE").invokeMode("RESPONSE_STREAM")).functionUrl();
        LambdaFunctionUrlIT.grantPublicAccess(lambda, name);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("http://([a-z0-9]{32})\\.lambda-url").matcher(url);
        assertTrue(m.find(), url);
        java.net.http.HttpResponse<java.io.InputStream> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(server.endpoint() + "/_aws/lambda-url/" + m.group(1) + "/")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(201, r.statusCode());
        assertEquals("yes", r.headers().firstValue("X-Streamed").orElse(null));
        assertEquals("text/plain", r.headers().firstValue("Content-Type").orElse(null));
        assertEquals("a=1", r.headers().firstValue("Set-Cookie").orElse(null));
        try (java.io.InputStream body = r.body()) {
            assertEquals("hello ", new String(body.readNBytes(6), StandardCharsets.UTF_8));
            Files.writeString(gate, "open");
            assertEquals("world", new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static void assertNullOrEmpty(String s) {
        assertTrue(s == null || s.isEmpty(), "expected no error code: " + s);
    }

}
