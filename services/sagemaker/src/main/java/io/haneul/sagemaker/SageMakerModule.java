package io.haneul.sagemaker;

import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;

import io.haneul.sagemaker.algorithms.BuiltInAlgorithms;
import io.haneul.sagemaker.hosting.HostingWiring;

import java.util.List;
import java.util.Map;

/** Registers SageMaker with the server. */
public final class SageMakerModule implements ServiceModule {

    @Override
    public String id() {
        return "sagemaker";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("sagemaker-2017-07-24", "sagemaker-runtime-2017-05-13");
    }

    /** InvokeEndpoint takes bodies up to 6 MB (AWS answers 413 beyond). */
    static final long RUNTIME_MAX_BODY = 6L * 1024 * 1024;

    /** One provider answers both models (the control plane and the runtime share endpoints and jobs). */
    private SageMakerProvider provider;

    @Override
    public synchronized Object provider(String modelFile, ServiceEnvironment env) {
        if (provider == null) {
            HostingWiring hosting = new HostingWiring(env, BuiltInAlgorithms.create(), Map.of());
            provider = new SageMakerProvider(hosting.parts());
        }
        return provider;
    }

    @Override
    public long maxRequestBytes(String modelId) {
        return modelId.startsWith("sagemaker-runtime") ? RUNTIME_MAX_BODY : ServiceModule.super.maxRequestBytes(modelId);
    }

    /** Endpoint deployments, transform jobs and asynchronous inferences stored before a restart run without waiting for a request. */
    @Override
    public boolean startEagerly() {
        return true;
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return SageMakerProvider.class;
    }
}
