package io.haneul.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.engine.OperationBinding;
import io.haneul.core.engine.OperationHandler;
import io.haneul.core.engine.ProtocolEngine;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.RequestObserver;
import io.haneul.core.engine.RequestValidator;
import io.haneul.core.engine.SdkClassIndex;
import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.model.ErrorShape;
import io.haneul.core.model.ModelLoader;
import io.haneul.core.model.OperationModel;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.protocol.PojoShapes;
import io.haneul.core.protocol.XmlNaming;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.utils.builder.ToCopyableBuilder;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The model-wide codec test: for every operation of every model in {@code aws-models}, a request the
 * real AWS SDK for Java v2 marshals is parsed by the {@link ProtocolEngine} into a request object
 * equal (member by member) to the one the SDK was given, and the response object the engine
 * serializes is read back by the SDK into an equal object. For every modelled error shape that the
 * SDK has an exception class for, an error the provider throws reaches the caller as that exception
 * with its message and HTTP status.
 *
 * <p>Streaming operations are called as the synchronous client allows: with a small
 * {@code RequestBody} (S3 PutObject, UploadPart, CloudSearch domain UploadDocuments) or read as
 * bytes (S3 GetObject, Polly SynthesizeSpeech); their members are compared, the streamed body is not,
 * since the generic codec does not carry it (streaming has its own path, see DESIGN.md).
 *
 * <p>Each case is its own dynamic test named {@code service/Operation} or {@code service/error/Shape}.
 * Cases the SDK cannot drive (no synchronous client method: event streams) are aborted with their
 * reason; known codec gaps are listed in {@link KnownCodecGaps}, run anyway, and fail once they pass
 * so that the list cannot go stale.
 */
class ModelWideCodecTest {

    private static final Map<String, Tally> TALLIES = new TreeMap<>();
    private static final byte[] STREAMED_BODY = "streamed body".getBytes(StandardCharsets.UTF_8);

    /** Counts per service, printed after the run. */
    static final class Tally {
        int passed;
        int failed;
        final Map<String, String> skipped = new TreeMap<>();
    }

    @TestFactory
    Stream<DynamicNode> everyOperationOfEveryModel() {
        return CodecServices.ALL.stream().map(s -> DynamicContainer.dynamicContainer(s.id(),
                Stream.of(s).flatMap(svc -> new Harness(svc).cases())));
    }

    /** The test cannot silently lose a model: every model file shipped has a service row. */
    @Test
    void everyShippedModelIsCovered() throws Exception {
        URL dir = ModelLoader.class.getResource("/aws-models");
        assertNotNull(dir, "aws-models on the classpath");
        TreeSet<String> shipped;
        try (Stream<Path> files = Files.list(Paths.get(dir.toURI()))) {
            shipped = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches(".*-\\d{4}-\\d{2}-\\d{2}\\.json"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        TreeSet<String> tested = CodecServices.ALL.stream().map(CodecServices.Service::modelStem)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(shipped, tested);
    }

    @AfterAll
    static void printTallies() {
        StringBuilder sb = new StringBuilder("\nModel-wide codec test: passed/failed/skipped per service\n");
        int p = 0;
        int f = 0;
        int s = 0;
        for (Map.Entry<String, Tally> e : TALLIES.entrySet()) {
            Tally t = e.getValue();
            sb.append(String.format("  %-26s %4d passed %4d failed %4d skipped%n", e.getKey(), t.passed, t.failed, t.skipped.size()));
            t.skipped.forEach((k, v) -> sb.append("      skip ").append(k).append(": ").append(v).append('\n'));
            p += t.passed;
            f += t.failed;
            s += t.skipped.size();
        }
        sb.append(String.format("  %-26s %4d passed %4d failed %4d skipped%n", "total", p, f, s));
        System.out.print(sb);
    }

    /** What one call saw on its way through the engine. */
    static final class Exchange {
        Object response;
        Throwable error;
        Object parsed;
        SdkRequest marshalled;
        WireRequest wireRequest;
        WireResponse wireResponse;

        void reset(Object response, Throwable error) {
            this.response = response;
            this.error = error;
            this.parsed = null;
            this.marshalled = null;
            this.wireRequest = null;
            this.wireResponse = null;
        }

        String wire() {
            StringBuilder sb = new StringBuilder();
            if (wireRequest != null) {
                sb.append("\n--- request: ").append(wireRequest.method()).append(' ').append(wireRequest.rawPath());
                if (!wireRequest.rawQuery().isEmpty()) {
                    sb.append('?').append(wireRequest.rawQuery());
                }
                wireRequest.headers().forEach((k, v) -> {
                    if (!k.equalsIgnoreCase("Authorization")) {
                        sb.append("\n").append(k).append(": ").append(v);
                    }
                });
                sb.append("\n").append(text(wireRequest.body()));
            }
            if (wireResponse != null) {
                sb.append("\n--- response: ").append(wireResponse.status());
                wireResponse.headers().forEach((k, v) -> sb.append("\n").append(k).append(": ").append(v));
                sb.append("\n").append(text(wireResponse.body()));
            }
            return sb.toString();
        }

        private static String text(byte[] body) {
            String s = new String(body, StandardCharsets.UTF_8);
            return s.length() > 4000 ? s.substring(0, 4000) + "..." : s;
        }
    }

    /** How the synchronous client is called for an operation. */
    private enum CallKind { PLAIN, STREAMING_INPUT, STREAMING_OUTPUT }

    private record Call(Method method, CallKind kind) {
    }

    /** One service's engine, binding and client, and its cases. */
    private static final class Harness {

        private final CodecServices.Service service;
        private final ServiceModel model;
        private final ServiceBinding binding;
        private final SdkClient client;
        private final Exchange exchange = new Exchange();
        private final Tally tally;

        Harness(CodecServices.Service service) {
            this.service = service;
            this.model = new ModelLoader().load(service.modelStem());
            this.tally = TALLIES.computeIfAbsent(service.id(), k -> new Tally());
            ClassLoader loader = ModelWideCodecTest.class.getClassLoader();
            SdkClassIndex classes = SdkClassIndex.of(model.sdkModelPackage(), loader);
            OperationHandler handler = (context, request) -> {
                exchange.parsed = request;
                if (exchange.error != null) {
                    throw exchange.error;
                }
                return exchange.response;
            };
            Map<Class<?>, OperationHandler> handlers = new HashMap<>();
            for (OperationModel op : model.operations().values()) {
                classes.find(op.name() + "Request").ifPresent(c -> handlers.put(c, handler));
            }
            this.binding = ServiceBinding.withHandlers(model, handlers, XmlNaming.TRAITS, loader);
            ProtocolEngine engine = new ProtocolEngine(RequestValidator.NONE, RequestObserver.NONE);
            EngineHttpClient http = new EngineHttpClient(wire -> {
                exchange.wireRequest = wire;
                RequestContext ctx = new RequestContext("000000000000", "us-east-1", "codec-test-request",
                        "AKIDCODECTEST", wire.header("Host"), "http", Instant.parse("2025-01-01T00:00:00Z"));
                WireResponse response = engine.handle(binding, wire, ctx);
                exchange.wireResponse = response;
                return response;
            });
            this.client = service.client(http, new ExecutionInterceptor() {
                @Override
                public void beforeMarshalling(Context.BeforeMarshalling context, ExecutionAttributes attributes) {
                    exchange.marshalled = context.request();
                }
            });
        }

        Stream<DynamicNode> cases() {
            List<DynamicNode> nodes = new ArrayList<>();
            for (String name : new TreeSet<>(model.operations().keySet())) {
                String id = service.id() + "/" + name;
                nodes.add(DynamicTest.dynamicTest(id, () -> tracked(id, () -> operationCase(name))));
            }
            for (ErrorShape error : new TreeMap<>(model.errors()).values()) {
                String id = service.id() + "/error/" + error.shapeName();
                nodes.add(DynamicTest.dynamicTest(id, () -> tracked(id, () -> errorCase(error))));
            }
            return nodes.stream();
        }

        private interface Body {
            void run() throws Throwable;
        }

        /** Runs a case, applying the known-gap list, and counts the outcome. */
        private void tracked(String id, Body body) throws Throwable {
            String gap = KnownCodecGaps.reason(id);
            try {
                body.run();
            } catch (TestAbortedException e) {
                tally.skipped.put(id, e.getMessage());
                throw e;
            } catch (Throwable t) {
                if (gap != null) {
                    tally.skipped.put(id, "known gap: " + gap);
                    throw new TestAbortedException("known gap: " + gap + "\n(failure was: " + t.getMessage() + ")");
                }
                tally.failed++;
                throw new AssertionFailedError("[" + id + "] " + t.getMessage(), t);
            }
            if (gap != null) {
                tally.failed++;
                fail(id + " passes now: remove it from KnownCodecGaps (" + gap + ")");
            }
            tally.passed++;
        }

        private void operationCase(String name) throws Throwable {
            OperationBinding op = binding.operation(name).orElseThrow();
            if (op.requestClass() == null || op.responseClass() == null) {
                throw new TestAbortedException("the SDK " + model.sdkModelPackage() + " has no request/response class for " + name);
            }
            Call call = callFor(op).orElseThrow(() -> new TestAbortedException(
                    "no synchronous client method takes " + op.requestClass().getSimpleName()
                            + " (event stream operation: async clients only)"));
            long seed = (service.id() + "/" + name).hashCode();
            Object request = new ValueGenerator(model.shapes(), seed, op.model().successCode(),
                    new GenerationRules(service.id(), true)).object(op.requestClass(), op.model().inputShape());
            Object response = new ValueGenerator(model.shapes(), ~seed, op.model().successCode(),
                    new GenerationRules(service.id(), false)).object(op.responseClass(), op.model().outputShape());
            if (call.kind() == CallKind.STREAMING_INPUT) {
                request = withContentLength(request, STREAMED_BODY.length);
            }
            exchange.reset(response, null);
            Object result = invoke(call, request);
            if (exchange.parsed == null) {
                fail("the provider was not reached" + exchange.wire());
            }
            List<String> requestDiff = SdkFieldsDiff.diff(exchange.marshalled, exchange.parsed, hostLabels(op));
            if (!requestDiff.isEmpty()) {
                fail("request parsed by the engine differs from the one the SDK marshalled:\n  "
                        + String.join("\n  ", requestDiff) + exchange.wire());
            }
            Object read = result instanceof ResponseBytes<?> rb ? rb.response() : result;
            List<String> responseDiff = SdkFieldsDiff.diff(response, read, Set.of());
            if (!responseDiff.isEmpty()) {
                fail("response read by the SDK differs from the one the engine serialized:\n  "
                        + String.join("\n  ", responseDiff) + exchange.wire());
            }
        }

        private void errorCase(ErrorShape error) throws Throwable {
            Class<?> exceptionClass = exceptionClass(error.shapeName());
            if (exceptionClass == null) {
                throw new TestAbortedException("the SDK has no exception class for error shape " + error.shapeName());
            }
            Set<Class<?>> accepted = acceptedExceptionClasses(error, exceptionClass);
            OperationBinding op = operationFor(error).orElseThrow(() ->
                    new TestAbortedException("no operation the synchronous client can call"));
            Call call = callFor(op).orElseThrow();
            Object request = new ValueGenerator(model.shapes(), error.shapeName().hashCode(), op.model().successCode(),
                    new GenerationRules(service.id(), true)).object(op.requestClass(), op.model().inputShape());
            String message = "codec test: " + error.shapeName() + " <&> \"raised\"";
            exchange.reset(null, new AwsErrorException(error.shapeName(), message, error.httpStatus()));
            Throwable thrown = null;
            try {
                invoke(call, request);
            } catch (Throwable t) {
                thrown = t;
            }
            if (!(thrown instanceof AwsServiceException e)) {
                throw new AssertionFailedError("expected " + exceptionClass.getSimpleName() + " but got " + thrown
                        + exchange.wire(), thrown);
            }
            String where = " (operation " + op.name() + ")" + exchange.wire();
            if (accepted.size() == 1) {
                assertSame(exceptionClass, e.getClass(), "exception class" + where);
            } else if (!accepted.contains(e.getClass())) {
                fail("exception class: expected one of " + accepted + " but was " + e.getClass() + where);
            }
            assertEquals(message, e.awsErrorDetails().errorMessage(), "error message" + where);
            assertEquals(error.httpStatus(), e.statusCode(), "HTTP status" + where);
            assertEquals(error.code(), e.awsErrorDetails().errorCode(), "error code" + where);
        }

        /**
         * Members bound to the endpoint's host prefix ({@code hostLabel}): they travel only in the host
         * name, and the test turns host prefixes off, as Haneul's users on a localhost endpoint must.
         */
        private Set<String> hostLabels(OperationBinding op) {
            Set<String> names = new HashSet<>();
            JsonNode input = op.model().inputShape() == null ? null : model.shapes().get(op.model().inputShape());
            if (input != null) {
                input.path("members").properties().forEach(e -> {
                    if (e.getValue().path("hostLabel").asBoolean(false)) {
                        names.add(e.getKey());
                    }
                });
            }
            return names;
        }

        /** The request with its Content-Length member (if any) set to the streamed body's length, as the SDK checks. */
        private static Object withContentLength(Object request, long length) {
            SdkPojo pojo = (SdkPojo) request;
            for (SdkField<?> f : pojo.sdkFields()) {
                if (f.location() == MarshallLocation.HEADER && f.locationName().equalsIgnoreCase("Content-Length")) {
                    SdkPojo builder = (SdkPojo) ((ToCopyableBuilder<?, ?>) request).toBuilder();
                    f.set(builder, length);
                    return PojoShapes.build(builder);
                }
            }
            return request;
        }

        /**
         * The SDK's exception class of an error shape: the shape's name with {@code Exception} appended
         * unless it ends so, or, for a name ending in {@code Fault}, that suffix replaced (SWF's
         * {@code DomainAlreadyExistsFault} is {@code DomainAlreadyExistsException}).
         */
        private Class<?> exceptionClass(String shapeName) {
            SdkClassIndex classes = SdkClassIndex.of(model.sdkModelPackage(), ModelWideCodecTest.class.getClassLoader());
            Optional<Class<?>> c = shapeName.endsWith("Fault")
                    ? classes.find(shapeName.substring(0, shapeName.length() - 5) + "Exception")
                    : Optional.empty();
            Class<?> found = c.or(() -> classes.findException(shapeName)).orElse(null);
            return found != null && AwsServiceException.class.isAssignableFrom(found) ? found : null;
        }

        /**
         * Where the wire cannot tell an error from another of the model, because both shapes have one
         * code (CloudWatch's DashboardNotFoundError and ResourceNotFound) or because the SDK folds both
         * into one class (CloudWatch's LimitExceededFault and LimitExceededException), the SDK may answer
         * with any of their classes or the service's base exception; elsewhere only the shape's class.
         */
        private Set<Class<?>> acceptedExceptionClasses(ErrorShape error, Class<?> exceptionClass) {
            Set<Class<?>> accepted = new HashSet<>();
            accepted.add(exceptionClass);
            for (ErrorShape other : model.errors().values()) {
                if (other == error) {
                    continue;
                }
                Class<?> otherClass = exceptionClass(other.shapeName());
                if (other.code().equals(error.code()) || exceptionClass == otherClass) {
                    accepted.add(exceptionClass.getSuperclass());
                    if (otherClass != null) {
                        accepted.add(otherClass);
                    }
                }
            }
            return accepted;
        }

        /** An operation to raise the error from: one that declares it, else any callable one. */
        private Optional<OperationBinding> operationFor(ErrorShape error) {
            List<OperationBinding> callable = new ArrayList<>();
            for (String name : new TreeSet<>(model.operations().keySet())) {
                OperationBinding op = binding.operation(name).orElseThrow();
                if (op.requestClass() != null && op.responseClass() != null
                        && callFor(op).filter(c -> c.kind() == CallKind.PLAIN).isPresent()) {
                    if (op.model().errors().contains(error.shapeName())) {
                        return Optional.of(op);
                    }
                    callable.add(op);
                }
            }
            return callable.stream().findFirst();
        }

        private Optional<Call> callFor(OperationBinding op) {
            Call found = null;
            for (Method m : service.clientInterface().getMethods()) {
                Class<?>[] params = m.getParameterTypes();
                if (params.length == 0 || params[0] != op.requestClass()) {
                    continue;
                }
                if (params.length == 1 && m.getReturnType() == op.responseClass()) {
                    return Optional.of(new Call(m, CallKind.PLAIN));
                } else if (params.length == 1 && m.getReturnType() == ResponseBytes.class) {
                    found = new Call(m, CallKind.STREAMING_OUTPUT);
                } else if (params.length == 2 && params[1] == RequestBody.class) {
                    found = new Call(m, CallKind.STREAMING_INPUT);
                }
            }
            return Optional.ofNullable(found);
        }

        private Object invoke(Call call, Object request) throws Throwable {
            try {
                if (call.kind() == CallKind.STREAMING_INPUT) {
                    return call.method().invoke(client, request, RequestBody.fromBytes(STREAMED_BODY));
                }
                return call.method().invoke(client, request);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (exchange.error == null) {
                    throw new AssertionFailedError("the call failed: " + cause + exchange.wire(), cause);
                }
                throw cause;
            }
        }
    }
}
