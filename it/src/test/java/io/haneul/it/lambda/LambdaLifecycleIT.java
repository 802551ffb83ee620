package io.haneul.it.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What happens to function processes over time: idle environments stop, a stopping server stops them all. */
class LambdaLifecycleIT {

    static final String PID = "import os\ndef handler(event, context):\n    return os.getpid()\n";

    static long invokePid(LambdaClient lambda, String name) throws Exception {
        String out = lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String();
        return new ObjectMapper().readTree(out).asLong();
    }

    static void create(LambdaClient lambda, String name) {
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE).handler("app.handler")
                .code(c -> c.zipFile(Zips.of(Map.of("app.py", PID)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    /** A client that reports a throttle at once instead of retrying it. */
    @SuppressWarnings("deprecation")
    static LambdaClient noRetries(TestServer server) {
        return LambdaClient.builder().endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(LambdaFunctionsSdkV2IT.ACCOUNT, "s")))
                .overrideConfiguration(o -> o.retryPolicy(software.amazon.awssdk.core.retry.RetryPolicy.none())).build();
    }

    @Test
    void idleEnvironmentsAreStopped() throws Exception {
        try (TestServer server = TestServer.start("--lambda-idle-seconds", "1");
             LambdaClient lambda = LambdaFunctionsSdkV2IT.client(server)) {
            create(lambda, "idle");
            long first = invokePid(lambda, "idle");
            long deadline = System.currentTimeMillis() + 10_000;
            while (LambdaInvokeIT.running(String.valueOf(first)) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(LambdaInvokeIT.running(String.valueOf(first)), "the idle environment's process was stopped");
            assertNotEquals(first, invokePid(lambda, "idle"), "a new environment starts on demand");
        }
    }

    @Test
    void beyondTheAccountsConcurrencyInvokeIsThrottled() throws Exception {
        try (TestServer server = TestServer.start("--lambda-concurrency-limit", "1");
             LambdaClient lambda = LambdaFunctionsSdkV2IT.client(server)) {
            lambda.createFunction(b -> b.functionName("slow").runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE)
                    .handler("app.handler").code(c -> c.zipFile(Zips.of(Map.of("app.py",
                            "import time\ndef handler(event, context):\n    time.sleep(2)\n    return 1\n")))));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("slow"));
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> lambda.invoke(b -> b.functionName("slow")));
            Thread.sleep(700);
            var e = org.junit.jupiter.api.Assertions.assertThrows(
                    software.amazon.awssdk.services.lambda.model.TooManyRequestsException.class,
                    () -> noRetries(server).invoke(b -> b.functionName("slow")));
            org.junit.jupiter.api.Assertions.assertEquals(429, e.statusCode());
            org.junit.jupiter.api.Assertions.assertEquals("Rate Exceeded.", e.awsErrorDetails().errorMessage());
            org.junit.jupiter.api.Assertions.assertEquals("ConcurrentInvocationLimitExceeded", e.reasonAsString());
            org.junit.jupiter.api.Assertions.assertEquals("1", first.get().payload().asUtf8String());
        }
    }

    @Test
    void stoppingTheServerStopsEveryFunctionProcess() throws Exception {
        long pid;
        try (TestServer server = TestServer.start(); LambdaClient lambda = LambdaFunctionsSdkV2IT.client(server)) {
            create(lambda, "warm");
            pid = invokePid(lambda, "warm");
            assertTrue(LambdaInvokeIT.running(String.valueOf(pid)), "warm between invocations");
        }
        assertFalse(LambdaInvokeIT.running(String.valueOf(pid)), "no process outlives the server");
    }

    @Test
    void updatingAFunctionRetiresItsWarmEnvironments() throws Exception {
        try (TestServer server = TestServer.start(); LambdaClient lambda = LambdaFunctionsSdkV2IT.client(server)) {
            create(lambda, "changing");
            long before = invokePid(lambda, "changing");
            lambda.updateFunctionConfiguration(b -> b.functionName("changing").environment(e -> e.variables(Map.of("VERSION", "2"))));
            lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("changing"));
            assertFalse(LambdaInvokeIT.running(String.valueOf(before)), "the old configuration's process was stopped");
            assertNotEquals(before, invokePid(lambda, "changing"));
        }
    }
}
