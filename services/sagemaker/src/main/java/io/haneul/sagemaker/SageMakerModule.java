package io.haneul.sagemaker;

import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;

import java.util.List;

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

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        return new SageMakerProvider(List.of());
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return SageMakerProvider.class;
    }
}
