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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Java functions on AWS's runtime interface client: RequestHandler, RequestStreamHandler and plain
 * (POJO) handlers in {@code Class::method} and {@code Class} forms, code as classes at the zip's
 * root or as {@code lib/*.jar}, the Context's fields, AWS's error document for an exception, the
 * real Java version in INIT_START, and a heap bounded by MemorySize. The JDK is the machine's
 * (the build's own JDK is always one, so this runs wherever the tests do).
 */
class LambdaJavaRuntimeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static LambdaClient lambda;

    static final Map<String, String> SOURCES = Map.of(
            "demo.Compute", """
                    package demo;
                    import com.amazonaws.services.lambda.runtime.Context;
                    import com.amazonaws.services.lambda.runtime.RequestHandler;
                    import java.util.*;
                    public class Compute implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                        @Override
                        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                            long sum = 0;
                            for (Object n : (List<?>) event.get("numbers")) sum += ((Number) n).longValue();
                            System.out.println("summing for " + context.getAwsRequestId());
                            Map<String, Object> out = new TreeMap<>();
                            out.put("sum", sum);
                            out.put("functionName", context.getFunctionName());
                            out.put("functionVersion", context.getFunctionVersion());
                            out.put("arn", context.getInvokedFunctionArn());
                            out.put("memory", context.getMemoryLimitInMB());
                            out.put("requestId", context.getAwsRequestId());
                            out.put("logGroup", context.getLogGroupName());
                            out.put("remainingPositive", context.getRemainingTimeInMillis() > 0);
                            out.put("java", Runtime.version().feature());
                            return out;
                        }
                    }
                    """,
            "demo.Shout", """
                    package demo;
                    import com.amazonaws.services.lambda.runtime.Context;
                    import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
                    import java.io.*;
                    import java.nio.charset.StandardCharsets;
                    public class Shout implements RequestStreamHandler {
                        @Override
                        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
                            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                            out.write(text.toUpperCase().getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    """,
            "demo.Plain", """
                    package demo;
                    public class Plain {
                        public String greet(String name) {
                            return "hello " + name;
                        }
                        public String fail(String ignored) {
                            throw new IllegalStateException("boom from java");
                        }
                        public String hog(String ignored) {
                            byte[] big = new byte[512 * 1024 * 1024];
                            return "allocated " + big.length;
                        }
                    }
                    """);

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

    static void create(String name, String runtime, String handler, SdkBytes code, int memory) {
        lambda.createFunction(b -> b.functionName(name).runtime(runtime).role(LambdaFunctionsSdkV2IT.ROLE).handler(handler)
                .timeout(30).memorySize(memory).code(c -> c.zipFile(code)));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    static InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
    }

    static String log(InvokeResponse r) {
        return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    }

    @Test
    void requestHandlerComputesAndSeesItsContext() throws Exception {
        create("java-compute", "java21", "demo.Compute::handleRequest", JavaHandlers.classesAtRoot(SOURCES), 256);
        InvokeResponse r = invoke("java-compute", "{\"numbers\":[1,2,39]}");
        assertNull(r.functionError(), r.payload().asUtf8String());
        JsonNode out = JSON.readTree(r.payload().asUtf8String());
        assertEquals(42, out.get("sum").asInt());
        assertEquals("java-compute", out.get("functionName").asText());
        assertEquals("$LATEST", out.get("functionVersion").asText());
        assertEquals("arn:aws:lambda:us-east-1:" + LambdaFunctionsSdkV2IT.ACCOUNT + ":function:java-compute", out.get("arn").asText());
        assertEquals(256, out.get("memory").asInt());
        assertEquals("/aws/lambda/java-compute", out.get("logGroup").asText());
        assertTrue(out.get("remainingPositive").asBoolean());
        assertTrue(out.get("java").asInt() >= 21, "java21 runs on a JDK of at least 21: " + out);
        String log = log(r);
        Matcher init = Pattern.compile("INIT_START Runtime Version: Java (\\d+)").matcher(log);
        assertTrue(init.find(), log);
        assertEquals(out.get("java").asInt(), Integer.parseInt(init.group(1)), "INIT_START names the JVM that ran: " + log);
        assertTrue(log.contains("summing for " + out.get("requestId").asText()), log);

        InvokeResponse warm = invoke("java-compute", "{\"numbers\":[5]}");
        assertEquals(5, JSON.readTree(warm.payload().asUtf8String()).get("sum").asInt());
        assertFalse(log(warm).contains("INIT_START"), "the second invocation reuses the warm JVM: " + log(warm));
    }

    @Test
    void classOnlyHandlerFromALibJar() throws Exception {
        create("java-lib", "java25", "demo.Compute", JavaHandlers.jarInLib(SOURCES), 256);
        InvokeResponse r = invoke("java-lib", "{\"numbers\":[10,20]}");
        assertNull(r.functionError(), r.payload().asUtf8String());
        assertEquals(30, JSON.readTree(r.payload().asUtf8String()).get("sum").asInt());
    }

    @Test
    void streamHandlerGetsTheRawBytes() {
        create("java-stream", "java21", "demo.Shout::handleRequest", JavaHandlers.classesAtRoot(SOURCES), 256);
        InvokeResponse r = invoke("java-stream", "{\"say\":\"quiet\"}");
        assertNull(r.functionError(), r.payload().asUtf8String());
        assertEquals("{\"SAY\":\"QUIET\"}", r.payload().asUtf8String());
    }

    @Test
    void plainMethodHandler() {
        create("java-plain", "java21", "demo.Plain::greet", JavaHandlers.classesAtRoot(SOURCES), 256);
        InvokeResponse r = invoke("java-plain", "\"haneul\"");
        assertNull(r.functionError(), r.payload().asUtf8String());
        assertEquals("\"hello haneul\"", r.payload().asUtf8String());
    }

    @Test
    void anExceptionIsAwsJavaErrorDocument() throws Exception {
        create("java-fail", "java21", "demo.Plain::fail", JavaHandlers.classesAtRoot(SOURCES), 256);
        InvokeResponse r = invoke("java-fail", "\"x\"");
        assertEquals("Unhandled", r.functionError());
        JsonNode error = JSON.readTree(r.payload().asUtf8String());
        assertEquals("boom from java", error.get("errorMessage").asText());
        assertEquals("java.lang.IllegalStateException", error.get("errorType").asText());
        assertTrue(error.get("stackTrace").isArray() && error.get("stackTrace").get(0).asText().contains("demo.Plain.fail"), error.toString());
    }

    @Test
    void unknownHandlerClassIsAnInitError() throws Exception {
        create("java-missing", "java21", "demo.Nope::handleRequest", JavaHandlers.classesAtRoot(SOURCES), 256);
        InvokeResponse r = invoke("java-missing", "{}");
        assertEquals("Unhandled", r.functionError());
        JsonNode error = JSON.readTree(r.payload().asUtf8String());
        assertTrue(error.get("errorMessage").asText().contains("demo.Nope"), error.toString());
    }

    @Test
    void heapIsBoundedByMemorySizeAndTheJvmIsReplaced() throws Exception {
        create("java-hog", "java21", "demo.Plain::hog", JavaHandlers.classesAtRoot(SOURCES), 128);
        InvokeResponse r = invoke("java-hog", "\"x\"");
        assertEquals("Unhandled", r.functionError(), r.payload().asUtf8String());
        JsonNode error = JSON.readTree(r.payload().asUtf8String());
        assertEquals("java.lang.OutOfMemoryError", error.get("errorType").asText(), error.toString());
        assertEquals("Java heap space", error.get("errorMessage").asText());
        InvokeResponse again = invoke("java-hog", "\"x\"");
        assertTrue(log(again).contains("INIT_START"), "a JVM that ran out of heap is not reused: " + log(again));
    }

    @Test
    void anIdleJvmOutlivesTheRuntimeApiPoll() throws Exception {
        create("java-idle", "java17", "demo.Plain::greet", JavaHandlers.classesAtRoot(SOURCES), 256);
        assertEquals("\"hello a\"", invoke("java-idle", "\"a\"").payload().asUtf8String());
        // longer than one 20 s poll of next: AWS's client must still be waiting, not crashed and restarted
        Thread.sleep(22_000);
        InvokeResponse r = invoke("java-idle", "\"b\"");
        assertEquals("\"hello b\"", r.payload().asUtf8String());
        assertFalse(log(r).contains("INIT_START"), log(r));
    }
}
