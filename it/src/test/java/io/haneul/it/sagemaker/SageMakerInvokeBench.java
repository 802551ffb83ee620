package io.haneul.it.sagemaker;

import io.haneul.it.support.TestServer;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.algorithms.xgboost.XgboostAlgorithm;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * InvokeEndpoint latency for a small XGBoost model (30 trees, two features, one CSV row per request):
 * p50/p99 of sequential calls through the API (SDK v2 client → HTTP → runtime → loaded booster) against
 * {@link Predictor#predict} on the same model directory in the same JVM (the library's own cost).
 * Prints one {@code RESULT} line per target. Arguments: warm-up calls, measured calls.
 */
public final class SageMakerInvokeBench {

    public static void main(String[] args) throws Exception {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 10000;
        Path dir = Files.createTempDirectory("sm-bench");
        Path tar = XgboostModels.modelTarGz(XgboostModels.separable(2000, 1), dir, 30);
        byte[] row = "0.42,0.61".getBytes(StandardCharsets.UTF_8);

        try (Predictor direct = new XgboostAlgorithm().load(dir)) {
            report("direct-predict", time(warm, calls, () -> direct.predict(row, "text/csv", "text/csv")));
        }
        try (TestServer server = TestServer.start(); HostingClients c = new HostingClients(server)) {
            String bucket = c.bucket("bench");
            c.xgboostModel("bench", c.upload(bucket, "m/model.tar.gz", tar));
            c.sm.createEndpointConfig(b -> b.endpointConfigName("bench").productionVariants(ProductionVariant.builder()
                    .variantName("AllTraffic").modelName("bench").instanceType("ml.m5.large").initialInstanceCount(1).build()));
            c.sm.createEndpoint(b -> b.endpointName("bench").endpointConfigName("bench"));
            c.waiter.waitUntilEndpointInService(b -> b.endpointName("bench"));
            SdkBytes body = SdkBytes.fromByteArray(row);
            report("invoke-endpoint", time(warm, calls, () -> c.runtime.invokeEndpoint(b -> b.endpointName("bench")
                    .contentType("text/csv").accept("text/csv").body(body))));
        }
    }

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    private static long[] time(int warm, int calls, Call call) throws Exception {
        for (int i = 0; i < warm; i++) {
            call.run();
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void report(String target, long[] sorted) {
        System.out.printf("RESULT target=%s calls=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f%n", target, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
