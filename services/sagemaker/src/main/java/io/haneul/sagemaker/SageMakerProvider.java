package io.haneul.sagemaker;

import io.haneul.core.engine.ProviderParts;

import java.util.List;

/** The SageMaker API: operations live in parts by topic; SDK shapes in and out, rules in the services behind them. */
@ProviderParts.Types({io.haneul.sagemaker.hosting.ModelApi.class, io.haneul.sagemaker.hosting.EndpointConfigApi.class,
        io.haneul.sagemaker.hosting.EndpointApi.class, io.haneul.sagemaker.hosting.RuntimeApi.class,
        io.haneul.sagemaker.hosting.TransformApi.class, io.haneul.sagemaker.hosting.TagApi.class})
public final class SageMakerProvider implements ProviderParts {

    private final List<Object> parts;

    SageMakerProvider(List<Object> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public List<Object> operationParts() {
        return parts;
    }
}
