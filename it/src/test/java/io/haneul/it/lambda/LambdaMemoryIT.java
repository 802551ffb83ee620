package io.haneul.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MemorySize bounds a function's process as Lambda's sandbox does: a Python function that
 * allocates far more than its 128 MB is killed, the invocation answers AWS's
 * {@code Runtime.OutOfMemory} / {@code Runtime exited with error: signal: killed}, the REPORT line
 * says it used its whole memory, and the next invocation gets a new environment. An ordinary
 * function at 128 MB is not disturbed.
 */
class LambdaMemoryIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        lambda = LambdaFunctionsSdkV2IT.client(server);
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        server.close();
    }

    @Test
    void pythonOverItsMemoryIsKilledAsOnAws() throws Exception {
        // up to 2 GB in 16 MB chunks written through (so resident), then a pause: only a kill stops it from answering
        String source = """
                import time
                def handler(event, context):
                    if event.get("small"):
                        return "fine"
                    chunks = []
                    for _ in range(128):
                        chunks.append(b"x" * (16 * 1024 * 1024))
                    time.sleep(5)
                    return "survived with %d MB" % (len(chunks) * 16)
                """;
        lambda.createFunction(b -> b.functionName("py-hog").runtime("python3.11").role(LambdaFunctionsSdkV2IT.ROLE)
                .handler("app.handler").timeout(30).memorySize(128).code(c -> c.zipFile(Zips.of(Map.of("app.py", source)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("py-hog"));

        InvokeResponse fine = lambda.invoke(b -> b.functionName("py-hog").payload(SdkBytes.fromUtf8String("{\"small\":true}")));
        assertEquals("\"fine\"", fine.payload().asUtf8String(), "an ordinary invocation at 128 MB runs");

        InvokeResponse r = lambda.invoke(b -> b.functionName("py-hog").logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{}")));
        assertEquals("Unhandled", r.functionError(), r.payload().asUtf8String());
        JsonNode error = JSON.readTree(r.payload().asUtf8String());
        assertEquals("Runtime.OutOfMemory", error.get("errorType").asText(), error.toString());
        assertTrue(error.get("errorMessage").asText().matches("RequestId: [0-9a-f-]{36} Error: Runtime exited with error: signal: killed"),
                error.toString());
        String log = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
        assertTrue(log.contains("Memory Size: 128 MB\tMax Memory Used: 128 MB"), log);
        assertTrue(log.contains("Runtime.OutOfMemory"), log);

        InvokeResponse after = lambda.invoke(b -> b.functionName("py-hog").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"small\":true}")));
        assertEquals("\"fine\"", after.payload().asUtf8String());
        assertTrue(new String(Base64.getDecoder().decode(after.logResult()), StandardCharsets.UTF_8).contains("INIT_START"),
                "the killed environment was replaced by a new one");
    }

    @Test
    void nodeHeapLimitFollowsMemorySize() throws Exception {
        String source = """
                const v8 = require('v8');
                exports.handler = async () => ({ limitMb: v8.getHeapStatistics().heap_size_limit / 1048576 });
                """;
        lambda.createFunction(b -> b.functionName("node-heap").runtime("nodejs20.x").role(LambdaFunctionsSdkV2IT.ROLE)
                .handler("index.handler").timeout(10).memorySize(512).code(c -> c.zipFile(Zips.of(Map.of("index.js", source)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("node-heap"));
        InvokeResponse r = lambda.invoke(b -> b.functionName("node-heap").payload(SdkBytes.fromUtf8String("{}")));
        double limit = JSON.readTree(r.payload().asUtf8String()).get("limitMb").asDouble();
        // --max-old-space-size=460 (90% of 512) plus V8's young generation: far below node's default of several GB
        assertTrue(limit >= 460 && limit < 1024, "heap limit " + limit + " MB for a 512 MB function");
    }
}
