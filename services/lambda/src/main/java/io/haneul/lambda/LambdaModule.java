package io.haneul.lambda;

import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.lambda.exec.RuntimeApiPlane;
import io.haneul.lambda.url.FunctionUrlPlane;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registers Lambda with the server; its parts are wired by {@link LambdaWiring}. Options: {@code --lambda-idle-seconds}
 * (how long a warm environment waits for its next invocation before its process is stopped,
 * default 300), {@code --lambda-code-dir} (default {@code <data-dir>/lambda}),
 * {@code --lambda-max-unzipped-bytes} (default AWS's 262,144,000), {@code --lambda-concurrency-limit}
 * (environments per account, default AWS's 1,000), {@code --lambda-sdk-dir} (the SDKs functions import,
 * installed by {@code services/lambda/sdk/install-sdks}).
 */
public final class LambdaModule implements ServiceModule {

    @Override
    public String id() {
        return "lambda";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("lambda-2015-03-31");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        return new LambdaWiring(env).provider();
    }

    /**
     * Lambda starts with the server so that Event invocations queued before a restart run without
     * waiting for a first Lambda request (its scheduler handler is registered by the provider), and
     * so that the pollers of enabled SQS event source mappings run again. No function process starts
     * before an invocation.
     */
    @Override
    public boolean startEagerly() {
        return true;
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return LambdaProvider.class;
    }

    @Override
    public Optional<Object> export(Class<?> type, Object provider) {
        if (type == FunctionInvoker.class && provider instanceof LambdaProvider lambda) {
            return Optional.of(lambda.invoker());
        }
        return Optional.empty();
    }

    @Override
    public List<DataPlane> dataPlanes() {
        return List.of(new RuntimeApiPlane(), new FunctionUrlPlane());
    }

    @Override
    public Map<String, InternalRoute> internalRoutes() {
        return LambdaRoutes.routes();
    }

    /**
     * CreateFunction carries up to 50 MB of zip inline, base64 in JSON (about 67 MB); Invoke's payload
     * limits (6 MB, 256 KB) are answered by the service itself with RequestEntityTooLargeException.
     */
    @Override
    public long maxRequestBytes(String modelId) {
        return 70L * 1024 * 1024;
    }

    /** Lambda's REST answers write their lists even when empty (ListFunctions "Functions": []). */
    @Override
    public io.haneul.core.engine.WireStyle wireStyle(String modelId) {
        return io.haneul.core.engine.WireStyle.DEFAULT.keepingEmpty("*");
    }
}
