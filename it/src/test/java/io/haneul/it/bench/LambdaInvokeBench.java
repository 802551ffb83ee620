package io.haneul.it.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Lambda invoke latency and throughput for a trivial function per runtime, against
 * {@link BareRuntimeLoop} running the same bootstrap and handler (the ceiling). For each runtime:
 * warm RequestResponse latency (sequential, p50/p99), invokes/s with several callers, cold starts
 * (the configuration changed before each, so a new process starts; wall time of the invoke and the
 * REPORT line's Init Duration). Prints one {@code RESULT} line per runtime and target.
 *
 * <p>Arguments: endpoint, sequential invokes, throughput seconds, callers, bootstrap directory
 * (Haneul's bootstraps), python executable, node executable.
 */
public final class LambdaInvokeBench {

    private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");

    /** One trivial function; {@code code} is its zip, {@code bareCommand} null when it has no bare loop to compare with. */
    record Subject(String label, String runtime, SdkBytes code, String handler, String file, String source, List<String> bareCommand) {
    }

    private static final String JAVA_HANDLER = """
            package bench;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;
            public class Handler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                    return Map.of("ok", true);
                }
            }
            """;

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        int sequential = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int callers = Integer.parseInt(args[3]);
        Path bootstraps = Path.of(args[4]).toAbsolutePath();
        String python = "def handler(event, context):\n    return {'ok': True}\n";
        String node = "export const handler = async (event) => ({ ok: true });\n";
        List<Subject> subjects = List.of(
                new Subject("python", "python3.11", zip("app.py", python), "app.handler", "app.py", python,
                        List.of(args[5], "-u", bootstraps.resolve("python_bootstrap.py").toString())),
                new Subject("node", "nodejs20.x", zip("index.mjs", node), "index.handler", "index.mjs", node,
                        List.of(args[6], bootstraps.resolve("node_bootstrap.js").toString())),
                new Subject("java", "java21", io.haneul.it.lambda.JavaHandlers.classesAtRoot(Map.of("bench.Handler", JAVA_HANDLER)),
                        "bench.Handler::handleRequest", null, null, null));
        try (LambdaClient lambda = LambdaClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("000000000000", "bench")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64)).build()) {
            warmUp(lambda, subjects.getFirst(), SERVER_WARM_UP);
            for (Subject s : subjects) {
                if (s.bareCommand() != null) {
                    bare(s, sequential);
                }
                haneul(lambda, s, sequential, seconds, callers);
            }
        }
    }

    /**
     * Invokes of a throwaway function before anything is measured, so that the server's JIT has
     * compiled the invoke path (Jetty, routing, Lambda) before the first runtime's numbers are taken:
     * without them the runtime measured first (Python) paid for the compilation the later ones use.
     */
    private static final int SERVER_WARM_UP = 3000;

    private static void warmUp(LambdaClient lambda, Subject s, int invokes) {
        String name = "bench-warm-up-" + System.nanoTime();
        lambda.createFunction(b -> b.functionName(name).runtime(s.runtime()).handler(s.handler()).timeout(30).memorySize(512)
                .role("arn:aws:iam::000000000000:role/bench").code(c -> c.zipFile(s.code())));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        SdkBytes event = SdkBytes.fromUtf8String("{\"key\":\"value\"}");
        for (int i = 0; i < invokes; i++) {
            lambda.invoke(b -> b.functionName(name).payload(event));
        }
        lambda.deleteFunction(b -> b.functionName(name));
    }

    private static void haneul(LambdaClient lambda, Subject s, int sequential, int seconds, int callers) throws Exception {
        String name = "bench-" + s.label() + "-" + System.nanoTime();
        lambda.createFunction(b -> b.functionName(name).runtime(s.runtime()).handler(s.handler()).timeout(30).memorySize(512)
                .role("arn:aws:iam::000000000000:role/bench").code(c -> c.zipFile(s.code())));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        List<Double> cold = new ArrayList<>();
        List<Double> init = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int round = i;
            lambda.updateFunctionConfiguration(b -> b.functionName(name)
                    .environment(Environment.builder().variables(Map.of("ROUND", String.valueOf(round))).build()));
            lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));
            long t0 = System.nanoTime();
            InvokeResponse r = lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{}")));
            cold.add((System.nanoTime() - t0) / 1e6);
            Matcher m = INIT.matcher(new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8));
            if (m.find()) {
                init.add(Double.parseDouble(m.group(1)));
            }
        }
        SdkBytes event = SdkBytes.fromUtf8String("{\"key\":\"value\"}");
        for (int i = 0; i < 200; i++) {
            lambda.invoke(b -> b.functionName(name).payload(event));
        }
        List<Double> latencies = new ArrayList<>(sequential);
        for (int i = 0; i < sequential; i++) {
            long t0 = System.nanoTime();
            InvokeResponse r = lambda.invoke(b -> b.functionName(name).payload(event));
            latencies.add((System.nanoTime() - t0) / 1e6);
            if (r.functionError() != null) {
                throw new IllegalStateException("function failed: " + r.payload().asUtf8String());
            }
        }
        AtomicLong done = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    lambda.invoke(b -> b.functionName(name).payload(event));
                    done.incrementAndGet();
                }
            }));
        }
        Thread.sleep(1000);
        long before = done.get();
        Thread.sleep(seconds * 1000L);
        long counted = done.get() - before;
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        lambda.deleteFunction(b -> b.functionName(name));
        System.out.printf("RESULT runtime=%s target=haneul warm_p50_ms=%.2f warm_p99_ms=%.2f invokes_per_s=%.0f callers=%d"
                        + " cold_invoke_p50_ms=%.0f init_duration_p50_ms=%.0f%n",
                s.label(), pct(latencies, 50), pct(latencies, 99), counted / (double) seconds, callers, pct(cold, 50),
                init.isEmpty() ? Double.NaN : pct(init, 50));
    }

    private static void bare(Subject s, int sequential) throws Exception {
        Path task = Files.createTempDirectory("bench-bare-" + s.label());
        Files.writeString(task.resolve(s.file()), s.source());
        byte[] event = "{\"key\":\"value\"}".getBytes(StandardCharsets.UTF_8);
        try (BareRuntimeLoop loop = new BareRuntimeLoop(s.bareCommand(), task, s.handler())) {
            for (int i = 0; i < 200; i++) {
                loop.invoke(event);
            }
            List<Double> latencies = new ArrayList<>(sequential);
            long start = System.nanoTime();
            for (int i = 0; i < sequential; i++) {
                long t0 = System.nanoTime();
                loop.invoke(event);
                latencies.add((System.nanoTime() - t0) / 1e6);
            }
            double total = (System.nanoTime() - start) / 1e9;
            System.out.printf("RESULT runtime=%s target=bare warm_p50_ms=%.2f warm_p99_ms=%.2f invokes_per_s=%.0f callers=1%n",
                    s.label(), pct(latencies, 50), pct(latencies, 99), sequential / total);
        }
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static SdkBytes zip(String file, String code) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(file));
            zip.write(code.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }
}
