package io.haneul.lambda.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.FunctionRules;
import io.haneul.lambda.domain.LambdaException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one invocation of a function: takes a warm environment or starts one, hands the event over
 * the Runtime API, waits for the answer within the function's timeout, and writes the
 * invocation's log with AWS's START/END/REPORT lines. A timed-out, crashed or failed-to-initialize
 * environment is stopped (its process tree killed) and never reused.
 */
public final class FunctionRunner {

    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final EnvironmentPool<ExecutionEnvironment> pool;
    private final RuntimeCatalog runtimes;
    private final FunctionLogs logs;
    private final EnvironmentSettings settings;
    private final Path bootstrapDir;
    private final RuntimeApiLoopback loopback;
    private final MemoryWatch memoryWatch;
    private final RuntimeSdks sdks;
    private final Clock clock;
    private final ReservedConcurrency reserved;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();
    /** Bootstraps written by this runner: copied once per server start, so an upgraded module never runs an old one. */
    private final java.util.Set<String> copied = new java.util.HashSet<>();

    private final ProcessExtras extras;

    public FunctionRunner(EnvironmentPool<ExecutionEnvironment> pool, RuntimeCatalog runtimes, FunctionLogs logs,
                          EnvironmentSettings settings, Path bootstrapDir, RuntimeApiLoopback loopback, MemoryWatch memoryWatch,
                          RuntimeSdks sdks, Clock clock, ReservedConcurrency reserved, ProcessExtras extras) {
        this.reserved = reserved;
        this.extras = extras;
        this.pool = pool;
        this.runtimes = runtimes;
        this.logs = logs;
        this.settings = settings;
        this.bootstrapDir = bootstrapDir;
        this.loopback = loopback;
        this.memoryWatch = memoryWatch;
        this.sdks = sdks;
        this.clock = clock;
    }

    /**
     * The pool key, {@code account/region/name@version@revision}: each published version has its own
     * warm environments, and a changed configuration or code (new revision) never reuses an old one.
     */
    public static String key(FunctionRecord fn) {
        return versionKey(fn) + fn.revisionId();
    }

    /** The start of the pool keys of all a function's environments, whatever their version and revision (what reserved concurrency counts). */
    public static String functionPrefix(FunctionRecord fn) {
        return fn.account() + "/" + fn.region() + "/" + fn.name() + "@";
    }

    /** The start of the keys of one version's environments (to stop them when it changes or goes). */
    public static String versionKey(FunctionRecord fn) {
        return fn.account() + "/" + fn.region() + "/" + fn.name() + "@" + fn.version() + "@";
    }

    /**
     * @param invokedArn the ARN the caller used (an alias's, say), the context's {@code invoked_function_arn}
     * @param requestId  the invocation's id (an Event invocation keeps one across its retries, as on AWS)
     */
    public InvocationResult invoke(FunctionRecord fn, Path taskRoot, byte[] payload, String invokedArn, String requestId) {
        return invoke(fn, taskRoot, payload, invokedArn, requestId, ResponseSink.NONE);
    }

    /** As {@link #invoke(FunctionRecord, Path, byte[], String, String)}, a streamed response's bytes going to {@code sink} as they arrive. */
    public InvocationResult invoke(FunctionRecord fn, Path taskRoot, byte[] payload, String invokedArn, String requestId, ResponseSink sink) {
        ExecutionEnvironment env;
        try {
            env = pool.acquire(key(fn), fn.account() + "/", settings.accountConcurrency(), functionPrefix(fn),
                    reserved.of(fn).orElse(Integer.MAX_VALUE), () -> start(fn, taskRoot));
        } catch (EnvironmentPool.LimitExceeded e) {
            throw LambdaException.throttled(e.reserved() ? "ReservedFunctionConcurrentInvocationLimitExceeded"
                    : "ConcurrentInvocationLimitExceeded");
        } catch (RuntimeException e) {
            String message = "RequestId: " + requestId + " Error: Couldn't start the runtime: "
                    + (e instanceof UncheckedIOException io ? io.getCause().getMessage() : e.getMessage());
            return new InvocationResult(error("Runtime.Unknown", message), "Unhandled", "");
        }
        boolean cold = env.firstUse();
        PendingInvocation invocation = new PendingInvocation(requestId, payload, invokedArn, fn.timeout() * 1000L, sink);
        long started = System.nanoTime();
        Outcome outcome = run(env, invocation, fn);
        // AWS's Duration is the invocation alone: a cold start's init is reported apart
        double durationMs = (System.nanoTime() - Math.max(started, env.initDoneNanos())) / 1_000_000.0;
        String printed = env.takeLog(requestId);
        long memory = env.killedForMemory() ? fn.memorySize() : env.maxMemoryUsedMb();
        if (outcome.keepEnvironment()) {
            pool.release(env);
        } else {
            pool.discard(env);
        }
        String log = (cold ? "INIT_START Runtime Version: " + env.runtimeVersion() + "\n" : "")
                + logText(fn, requestId, printed, outcome, durationMs, memory, cold ? env.initMillis() : -1);
        logs.append(fn.account(), fn.region(), fn.name(), log);
        return new InvocationResult(outcome.payload(), outcome.functionError(), log);
    }

    private record Outcome(byte[] payload, String functionError, boolean keepEnvironment, String extraLog) {
    }

    private Outcome run(ExecutionEnvironment env, PendingInvocation invocation, FunctionRecord fn) {
        String id = invocation.requestId();
        try {
            CompletableFuture<Object> ready = CompletableFuture.anyOf(invocation.pickedUpAt(), env.initError(), env.exited());
            env.offer(invocation);
            ready.get(settings.initTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!invocation.pickedUpAt().isDone()) {
                return env.initError().isDone() ? initFailed(env) : exited(env, id);
            }
            long deadline = invocation.pickedUpAt().join() + invocation.timeoutMillis();
            long wait = Math.max(1, deadline - clock.millis());
            CompletableFuture.anyOf(invocation.answer(), env.exited()).get(wait, TimeUnit.MILLISECONDS);
            if (!invocation.answer().isDone() || invocation.answer().isCompletedExceptionally()) {
                return exited(env, id);
            }
            PendingInvocation.RuntimeAnswer answer = invocation.answer().join();
            if (answer.body().length > FunctionRules.SYNC_PAYLOAD_LIMIT) {
                return new Outcome(error("Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload size ("
                        + FunctionRules.SYNC_PAYLOAD_LIMIT + " bytes)."), "Unhandled", true, "");
            }
            // a JVM that ran out of heap is not trusted with another event (its threads may have died half-way)
            return new Outcome(answer.body(), answer.error() ? "Unhandled" : null, !(answer.error() && outOfHeap(answer.body())), "");
        } catch (TimeoutException e) {
            return timedOut(invocation, fn);
        } catch (ExecutionException e) {
            return exited(env, id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return timedOut(invocation, fn);
        }
    }

    private Outcome initFailed(ExecutionEnvironment env) {
        return new Outcome(env.initError().join(), "Unhandled", false, "");
    }

    private Outcome exited(ExecutionEnvironment env, String requestId) {
        if (env.killedForMemory()) {
            // AWS's answer when the sandbox's memory limit kills the runtime
            String message = "RequestId: " + requestId + " Error: Runtime exited with error: signal: killed";
            return new Outcome(error("Runtime.OutOfMemory", message), "Unhandled", false, message + "\nRuntime.OutOfMemory\n");
        }
        if (env.initError().isDone()) {
            return initFailed(env);
        }
        String status;
        try {
            status = "exit status " + env.exited().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            status = "the environment was stopped";
        }
        String message = "RequestId: " + requestId + " Error: Runtime exited with error: " + status;
        return new Outcome(error("Runtime.ExitError", message), "Unhandled", false, message + "\nRuntime.ExitError\n");
    }

    /** AWS's answer to a timeout: {@code {"errorMessage":"<time> <request id> Task timed out after 3.00 seconds"}}. */
    private Outcome timedOut(PendingInvocation invocation, FunctionRecord fn) {
        String message = Instant.now(clock).toString() + " " + invocation.requestId() + " Task timed out after "
                + String.format(Locale.ROOT, "%.2f", (double) fn.timeout()) + " seconds";
        ObjectNode body = json.createObjectNode().put("errorMessage", message);
        return new Outcome(body.toString().getBytes(StandardCharsets.UTF_8), "Unhandled", false, message + "\n");
    }

    private boolean outOfHeap(byte[] errorDocument) {
        try {
            return "java.lang.OutOfMemoryError".equals(json.readTree(errorDocument).path("errorType").asText());
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
    }

    private byte[] error(String type, String message) {
        return json.createObjectNode().put("errorType", type).put("errorMessage", message).toString().getBytes(StandardCharsets.UTF_8);
    }

    private String logText(FunctionRecord fn, String requestId, String printed, Outcome outcome, double durationMs,
                           long memoryMb, double initMs) {
        StringBuilder b = new StringBuilder();
        b.append("START RequestId: ").append(requestId).append(" Version: ").append(fn.version()).append('\n');
        b.append(printed);
        if (!printed.isEmpty() && !printed.endsWith("\n")) {
            b.append('\n');
        }
        b.append(outcome.extraLog());
        b.append("END RequestId: ").append(requestId).append('\n');
        b.append("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", durationMs)).append(" ms")
                .append("\tBilled Duration: ").append((long) Math.ceil(durationMs)).append(" ms")
                .append("\tMemory Size: ").append(fn.memorySize()).append(" MB")
                .append("\tMax Memory Used: ").append(memoryMb).append(" MB");
        if (initMs >= 0) {
            b.append("\tInit Duration: ").append(String.format(Locale.ROOT, "%.2f", initMs)).append(" ms");
        }
        b.append("\t\n");
        return b.toString();
    }

    private ExecutionEnvironment start(FunctionRecord fn, Path taskRoot) {
        Launch launch = runtimes.require(fn.runtime());
        String envId = HexFormat.of().formatHex(bytes(16));
        java.util.List<String> command = MemoryLimits.apply(launch.family(), launch.commandWith(bootstrap(launch), taskRoot),
                fn.memorySize()).stream().map(a -> a.equals("{handler}") ? fn.handler() : a).toList();
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("HANEUL_") || k.startsWith("JAVA_TOOL"));
        env.putAll(fn.environment());
        env.put("_HANDLER", fn.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", bootstrapDir.toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + fn.runtime());
        // AWS's Java client cannot take the main port's 204 after an idle poll: it gets a listener that holds next
        env.put("AWS_LAMBDA_RUNTIME_API", launch.family().equals("java") ? loopback.runtimeApi(envId) : settings.runtimeApi(envId));
        env.put("AWS_LAMBDA_FUNCTION_NAME", fn.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", fn.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(fn.memorySize()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + fn.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", STREAM_DATE.format(Instant.now(clock)) + "/[" + fn.version() + "]" + envId);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", fn.region());
        env.put("AWS_DEFAULT_REGION", fn.region());
        env.put("AWS_ACCESS_KEY_ID", fn.account());
        env.put("AWS_SECRET_ACCESS_KEY", "haneul-function-" + fn.account());
        env.put("AWS_SESSION_TOKEN", "haneul-function-session");
        env.put("AWS_ENDPOINT_URL", settings.endpoint());
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.putAll(extras.environment(fn, Map.copyOf(env)));
        // appended after the layers' paths: a layer can bring its own SDK version, as on AWS
        sdks.addTo(launch.family(), env);
        if (launch.family().equals("java") && !fn.layers().isEmpty() && env.containsKey("CLASSPATH")) {
            // AWS's Java client finds layer jars under /opt/java/lib, which a process here has not: they join -cp
            builder.command(JavaRuntimes.withClasspath(command, env.get("CLASSPATH")));
        }
        try {
            ExecutionEnvironment started = ExecutionEnvironment.start(envId, key(fn), launch.realVersion(), builder, clock);
            memoryWatch.watch(started, fn.memorySize());
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Haneul's bootstrap for the runtime, copied once from the module's resources into the bootstrap directory. */
    private Path bootstrap(Launch launch) {
        if (launch.bootstrapResource() == null) {
            return null;
        }
        if (launch.bootstrapResource().equals(JavaRuntimeJars.RESOURCE_DIR)) {
            synchronized (copied) {
                Path dir = bootstrapDir.resolve("java");
                if (!copied.contains(JavaRuntimeJars.RESOURCE_DIR)) {
                    JavaRuntimeJars.install(dir);
                    copied.add(JavaRuntimeJars.RESOURCE_DIR);
                }
                return dir.resolve("*");
            }
        }
        String name = launch.bootstrapResource().substring(launch.bootstrapResource().lastIndexOf('/') + 1);
        Path file = bootstrapDir.resolve(name);
        synchronized (copied) {
            if (!copied.contains(name)) {
                try (InputStream in = FunctionRunner.class.getResourceAsStream(launch.bootstrapResource())) {
                    if (in == null) {
                        throw new IllegalStateException("missing resource " + launch.bootstrapResource());
                    }
                    Files.createDirectories(bootstrapDir);
                    Path tmp = Files.createTempFile(bootstrapDir, name, ".tmp");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    copied.add(name);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return file;
    }
}
