package io.haneul.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Functions run as real processes (the machine's python3 and node) through Haneul's Runtime API,
 * invoked with the SDK v2 and with boto3.
 */
class LambdaInvokeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLE = "arn:aws:iam::123456789012:role/lambda-exec";
    static TestServer server;
    static LambdaClient lambda;

    @TempDir
    Path work;

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

    static String create(String runtime, String handler, Map<String, String> files, int timeout, Map<String, String> env) {
        String name = "inv-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime(runtime).role(ROLE).handler(handler).timeout(timeout)
                .environment(e -> e.variables(env)).code(c -> c.zipFile(Zips.of(files))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return name;
    }

    static InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(b -> b.functionName(name).logType("Tail").payload(SdkBytes.fromUtf8String(payload)));
    }

    static String tail(InvokeResponse r) {
        return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    }

    static final String PY_ECHO = """
            import os
            print("hello from python")
            def handler(event, context):
                return {"event": event, "greeting": os.environ.get("GREETING"),
                        "function_name": context.function_name, "request_id": context.aws_request_id,
                        "memory": context.memory_limit_in_mb, "arn": context.invoked_function_arn,
                        "log_group": context.log_group_name, "remaining": context.get_remaining_time_in_millis(),
                        "task_root": os.environ["LAMBDA_TASK_ROOT"], "region": os.environ["AWS_REGION"],
                        "key": os.environ["AWS_ACCESS_KEY_ID"], "endpoint": os.environ["AWS_ENDPOINT_URL"],
                        "handler_env": os.environ["_HANDLER"], "pid": os.getpid()}
            """;

    @Test
    void pythonEchoesEventEnvironmentAndContext() throws Exception {
        String name = create("python3.12", "app.handler", Map.of("app.py", PY_ECHO), 5, Map.of("GREETING", "hi"));
        InvokeResponse r = invoke(name, "{\"n\":1}");
        assertEquals(200, r.statusCode());
        assertNull(r.functionError());
        assertEquals("$LATEST", r.executedVersion());
        JsonNode out = JSON.readTree(r.payload().asUtf8String());
        assertEquals(1, out.get("event").get("n").asInt());
        assertEquals("hi", out.get("greeting").asText());
        assertEquals(name, out.get("function_name").asText());
        assertEquals("128", out.get("memory").asText());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:" + name, out.get("arn").asText());
        assertEquals("/aws/lambda/" + name, out.get("log_group").asText());
        assertTrue(out.get("remaining").asInt() > 0 && out.get("remaining").asInt() <= 5000);
        assertEquals("us-east-1", out.get("region").asText());
        assertEquals("123456789012", out.get("key").asText());
        assertEquals(server.endpoint().toString(), out.get("endpoint").asText());
        String log = tail(r);
        String id = out.get("request_id").asText();
        assertTrue(log.contains("START RequestId: " + id + " Version: $LATEST"), log);
        assertTrue(log.contains("hello from python"), log);
        assertTrue(log.matches("(?s)INIT_START Runtime Version: Python 3\\.\\d+\\.\\d+\n.*"), log);
        assertTrue(log.contains("END RequestId: " + id), log);
        assertTrue(log.matches("(?s).*REPORT RequestId: " + id + "\tDuration: [\\d.]+ ms\tBilled Duration: \\d+ ms\tMemory Size: 128 MB\t"
                + "Max Memory Used: \\d+ MB\tInit Duration: [\\d.]+ ms\t.*"), log);

        InvokeResponse warm = invoke(name, "{\"n\":2}");
        JsonNode again = JSON.readTree(warm.payload().asUtf8String());
        assertEquals(out.get("pid").asLong(), again.get("pid").asLong(), "the warm environment is reused");
        assertFalse(tail(warm).contains("Init Duration"), "a warm invocation reports no init");

        String kept = get("/_haneul/lambda/logs/" + name);
        assertTrue(kept.contains("START RequestId: " + id) && kept.contains("START RequestId: " + again.get("request_id").asText()), kept);
    }

    @Test
    void nodeAsyncAndCallbackHandlers() throws Exception {
        String name = create("nodejs20.x", "index.handler", Map.of("index.js", """
                exports.handler = async (event, context) => {
                  console.log('hello from node');
                  return { event, greeting: process.env.GREETING, functionName: context.functionName,
                           requestId: context.awsRequestId, memory: context.memoryLimitInMB,
                           remaining: context.getRemainingTimeInMillis() };
                };
                """), 3, Map.of("GREETING", "hey"));
        InvokeResponse r = invoke(name, "{\"a\":[1,2]}");
        JsonNode out = JSON.readTree(r.payload().asUtf8String());
        assertEquals(2, out.get("event").get("a").size());
        assertEquals("hey", out.get("greeting").asText());
        assertEquals(name, out.get("functionName").asText());
        assertEquals("128", out.get("memory").asText());
        assertTrue(out.get("remaining").asInt() > 0);
        String log = tail(r);
        assertTrue(log.contains("\t" + out.get("requestId").asText() + "\tINFO\thello from node"), log);
        assertTrue(log.contains("REPORT RequestId: " + out.get("requestId").asText()), log);

        String callback = create("nodejs22.x", "cb.handler", Map.of("cb.js", """
                exports.handler = (event, context, callback) => {
                  setTimeout(() => callback(null, { doubled: event.n * 2 }), 10);
                };
                """), 3, Map.of());
        assertEquals("{\"doubled\":42}", invoke(callback, "{\"n\":21}").payload().asUtf8String());
    }

    @Test
    void unhandledErrorsComeBackAsThePayload() throws Exception {
        String py = create("python3.12", "app.handler", Map.of("app.py", """
                def handler(event, context):
                    raise ValueError("bad input " + str(event["n"]))
                """), 3, Map.of());
        InvokeResponse r = invoke(py, "{\"n\":7}");
        assertEquals(200, r.statusCode());
        assertEquals("Unhandled", r.functionError());
        JsonNode err = JSON.readTree(r.payload().asUtf8String());
        assertEquals("ValueError", err.get("errorType").asText());
        assertEquals("bad input 7", err.get("errorMessage").asText());
        assertTrue(err.get("stackTrace").isArray() && !err.get("stackTrace").isEmpty(), err.toString());
        assertTrue(tail(r).contains("[ERROR] ValueError: bad input 7"), tail(r));

        String node = create("nodejs20.x", "index.handler", Map.of("index.js",
                "exports.handler = async () => { throw new TypeError('nope'); };"), 3, Map.of());
        InvokeResponse n = invoke(node, "{}");
        assertEquals("Unhandled", n.functionError());
        JsonNode nerr = JSON.readTree(n.payload().asUtf8String());
        assertEquals("TypeError", nerr.get("errorType").asText());
        assertEquals("nope", nerr.get("errorMessage").asText());

        String missing = create("python3.12", "nothere.handler", Map.of("app.py", "x = 1\n"), 3, Map.of());
        InvokeResponse m = invoke(missing, "{}");
        assertEquals("Unhandled", m.functionError());
        JsonNode merr = JSON.readTree(m.payload().asUtf8String());
        assertEquals("Runtime.ImportModuleError", merr.get("errorType").asText());
        assertTrue(merr.get("errorMessage").asText().startsWith("Unable to import module 'nothere'"), merr.toString());
    }

    @Test
    void timeoutKillsTheProcessTree() throws Exception {
        String name = create("python3.12", "app.handler", Map.of("app.py", """
                import os, subprocess, time
                def handler(event, context):
                    child = subprocess.Popen(["sleep", "60"])
                    print("pids %d %d" % (os.getpid(), child.pid), flush=True)
                    time.sleep(30)
                """), 1, Map.of());
        long started = System.nanoTime();
        InvokeResponse r = invoke(name, "{}");
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs < 10_000, "answered after the timeout, not the sleep: " + tookMs);
        assertEquals("Unhandled", r.functionError());
        JsonNode err = JSON.readTree(r.payload().asUtf8String());
        assertTrue(err.get("errorMessage").asText().matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z [0-9a-f-]{36} Task timed out after 1\\.00 seconds"),
                err.toString());
        String log = tail(r);
        Matcher pids = Pattern.compile("pids (\\d+) (\\d+)").matcher(log);
        assertTrue(pids.find(), log);
        for (String pid : List.of(pids.group(1), pids.group(2))) {
            assertFalse(running(pid), "process " + pid + " outlived its environment");
        }
        assertTrue(log.contains("Task timed out after 1.00 seconds"), log);
        // the next invocation starts a fresh environment and still works up to its deadline
        assertEquals("Unhandled", invoke(name, "{}").functionError());
    }

    @Test
    void aFunctionPrintingMegabytesStillAnswers() throws Exception {
        String name = create("python3.12", "app.handler", Map.of("app.py", """
                import sys
                def handler(event, context):
                    for _ in range(80):
                        sys.stdout.write("x" * 65536 + "\\n")
                    return "done"
                """), 10, Map.of());
        InvokeResponse r = invoke(name, "{}");
        assertNull(r.functionError(), r.payload().asUtf8String());
        assertEquals("\"done\"", r.payload().asUtf8String());
        byte[] tail = Base64.getDecoder().decode(r.logResult());
        assertTrue(tail.length <= 4096, "Tail carries the last 4 KB: " + tail.length);
        assertTrue(new String(tail, StandardCharsets.UTF_8).contains("REPORT RequestId:"));
        assertEquals("\"done\"", invoke(name, "{}").payload().asUtf8String(), "the environment is still usable");
    }

    @Test
    void aFunctionThatNeverAsksForEventsIsStoppedAfterTheInitLimit() throws Exception {
        String name = create("python3.12", "app.handler", Map.of("app.py", """
                import os, time
                print("stuck %d" % os.getpid(), flush=True)
                time.sleep(600)
                def handler(event, context):
                    return 1
                """), 3, Map.of());
        InvokeResponse r = invoke(name, "{}");
        assertEquals("Unhandled", r.functionError());
        assertTrue(r.payload().asUtf8String().contains("Task timed out"), r.payload().asUtf8String());
        Matcher pid = Pattern.compile("stuck (\\d+)").matcher(tail(r));
        assertTrue(pid.find(), tail(r));
        assertFalse(running(pid.group(1)), "the stuck process was killed");
    }

    @Test
    void dryRunEventAndPayloadLimits() throws Exception {
        String name = create("python3.12", "app.handler", Map.of("app.py", """
                def handler(event, context):
                    print("event seen %s" % event.get("mark"))
                    return event
                """), 3, Map.of());
        assertEquals(204, lambda.invoke(b -> b.functionName(name).invocationType("DryRun")).statusCode());
        String mark = UUID.randomUUID().toString();
        assertEquals(202, lambda.invoke(b -> b.functionName(name).invocationType("Event")
                .payload(SdkBytes.fromUtf8String("{\"mark\":\"" + mark + "\"}"))).statusCode());
        long until = System.currentTimeMillis() + 15_000;
        while (!get("/_haneul/lambda/logs/" + name).contains("event seen " + mark) && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        assertTrue(get("/_haneul/lambda/logs/" + name).contains("event seen " + mark), "the Event invocation ran");

        String big = "{\"x\":\"" + "a".repeat(300 * 1024) + "\"}";
        // AWS answers RequestEntityTooLargeException, a code the model does not declare: the SDK raises its base exception
        LambdaException async = assertThrows(LambdaException.class, () -> lambda.invoke(b -> b.functionName(name)
                .invocationType("Event").payload(SdkBytes.fromUtf8String(big))));
        assertEquals(413, async.statusCode());
        assertEquals("RequestEntityTooLargeException", async.awsErrorDetails().errorCode());
        assertEquals("Request must be smaller than 262144 bytes for the InvokeAsync operation", async.awsErrorDetails().errorMessage());
        String huge = "{\"x\":\"" + "a".repeat(6 * 1024 * 1024) + "\"}";
        LambdaException sync = assertThrows(LambdaException.class, () -> lambda.invoke(b -> b.functionName(name)
                .payload(SdkBytes.fromUtf8String(huge))));
        assertEquals("RequestEntityTooLargeException", sync.awsErrorDetails().errorCode());
        assertEquals("Request must be smaller than 6291456 bytes for the InvokeFunction operation", sync.awsErrorDetails().errorMessage());
    }

    @Test
    void boto3InvokesAFunction() throws Exception {
        String name = create("python3.12", "app.handler", Map.of("app.py", """
                def handler(event, context):
                    return {"sum": event["a"] + event["b"]}
                """), 3, Map.of());
        Path script = work.resolve("invoke.py");
        Files.writeString(script, """
                import base64, json, sys
                try:
                    import boto3
                except ImportError:
                    sys.exit("no boto3 in " + sys.executable)
                client = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1")
                r = client.invoke(FunctionName=sys.argv[2], Payload=json.dumps({"a": 2, "b": 3}), LogType="Tail")
                print(json.dumps({"status": r["StatusCode"], "payload": json.loads(r["Payload"].read()),
                                  "log": base64.b64decode(r["LogResult"]).decode()}))
                """);
        java.util.Optional<String> python = Processes.pythonWithBoto3(work);
        org.junit.jupiter.api.Assumptions.assumeTrue(python.isPresent(), "no python3 with boto3 on this machine");
        Processes.Result p = Processes.run(List.of(python.get(), script.toString(), server.endpoint().toString(), name),
                "123456789012", "secret", work, 120);
        assertEquals(0, p.exitCode(), p::toString);
        JsonNode out = JSON.readTree(p.stdout());
        assertEquals(200, out.get("status").asInt());
        assertEquals(5, out.get("payload").get("sum").asInt());
        assertTrue(out.get("log").asText().contains("REPORT RequestId:"), out.toString());
    }

    /** Whether a process runs: it exists and is not a zombie (killed, waiting for its reaper). */
    static boolean running(String pid) throws Exception {
        Path stat = Path.of("/proc", pid, "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        try {
            String text = Files.readString(stat);
            return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    static String get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return r.body();
        }
    }
}
